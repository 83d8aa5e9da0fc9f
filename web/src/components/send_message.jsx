// "Send a message": any text to the topic itself (every subscriber), to `/set` (every subscriber but
// the sender) or to `/up` (stored as the value, delivered to nobody); retained or not.

import { useState } from 'preact/hooks';
import { useSend } from '../lib/send.js';
import { Icon } from './icons.jsx';
import { SendResult } from './send_result.jsx';

const SUFFIXES = [
  ['', 'Topic', 'to every subscriber'],
  ['set', '/set', 'to every subscriber but the sender'],
  ['up', '/up', 'stores the value, delivers to nobody'],
];

export function SendMessage({ apiKey, topic }) {
  const { send, busy, result } = useSend(apiKey, topic);
  const [message, setMessage] = useState('');
  const [suffix, setSuffix] = useState('');
  const [retain, setRetain] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    if (await send(message, { suffix, retain })) setMessage('');
  };

  return (
    <form class="card send-card" onSubmit={submit}>
      <h2>Send a message</h2>
      <div class="send-line">
        <input name="message" value={message} placeholder="Message, e.g. on" aria-label="Message" autocomplete="off"
               onInput={(e) => setMessage(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy}><Icon name="send" size={18} /><span>Send</span></button>
      </div>
      <div class="send-options">
        <div class="segmented small" role="radiogroup" aria-label="Send to">
          {SUFFIXES.map(([value, label, help]) => (
            <button key={value} type="button" role="radio" aria-checked={suffix === value ? 'true' : 'false'}
                    aria-pressed={suffix === value ? 'true' : 'false'} title={help} onClick={() => setSuffix(value)}>
              {label}
            </button>
          ))}
        </div>
        <label class="check">
          <input type="checkbox" name="retain" checked={retain} onChange={(e) => setRetain(e.currentTarget.checked)} />
          <span>Retained</span>
        </label>
      </div>
      <p class="muted small">{`${topic.name}${suffix ? `/${suffix}` : ''}: ${SUFFIXES.find(([v]) => v === suffix)[2]}.`}</p>
      <SendResult result={result} />
    </form>
  );
}
