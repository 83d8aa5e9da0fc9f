// Sending a message to a topic from a page: POST .../messages, then a refresh of the topic list
// so that the new value shows without waiting for the next poll.
//
//   const { send, busy, result } = useSend(apiKey, topic);
//   send('on');  send('hi', {suffix: 'set', retain: true});
//   result: {ok: true, message: 'on'} | {ok: false, message: 'The server cannot be reached.'} | null

import { useState } from 'preact/hooks';
import { api } from './api.js';
import { refreshTopics } from './topics.js';

export function useSend(apiKey, topic) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const send = async (message, options = {}) => {
    setBusy(true);
    try {
      await api.postMessage(apiKey, topic.namespace, topic.name, { message, ...options });
      setResult({ ok: true, message });
      refreshTopics();
      return true;
    } catch (e) {
      setResult({ ok: false, message: e.message });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { send, busy, result };
}
