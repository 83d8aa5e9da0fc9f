// One topic in the list: type icon, names, latest value, time and online count; a link to its page.

import { useRef } from 'preact/hooks';
import { deviceType } from '../lib/devices.js';
import { ago, dateTime } from '../lib/format.js';
import { topicHref } from '../lib/route.js';
import { Icon, TypeIcon } from './icons.jsx';

export function OnlineBadge({ count }) {
  const n = count || 0;
  return (
    <span class={n > 0 ? 'badge online' : 'badge offline'} title={`${n} subscriber${n === 1 ? '' : 's'} online`}>
      {n > 0 ? `${n} online` : 'offline'}
    </span>
  );
}

export function TopicRow({ topic, now }) {
  const type = deviceType(topic);
  const hasValue = topic.value !== null && topic.value !== undefined;
  const firstTime = useRef(topic.time_ms);
  const changed = topic.time_ms !== firstTime.current; // flash a value that changed while shown
  return (
    <li class="topic-row" data-topic={topic.name}>
      <a href={topicHref(topic.namespace, topic.name)}>
        <TypeIcon type={type} />
        <span class="names">
          <span class="display-name">{topic.display_name || topic.name}</span>
          <span class="name">{topic.name}{type.code ? ` · ${type.label}` : ''}</span>
        </span>
        <span class="value" key={topic.time_ms} title={hasValue ? topic.value : 'No message yet'}>
          {hasValue ? <code class={changed ? 'flash' : ''}>{topic.value === '' ? '(empty)' : topic.value}</code>
                    : <span class="muted">—</span>}
        </span>
        <span class="time" title={dateTime(topic.time_ms)}>{topic.time_ms ? ago(topic.time_ms, now) : ''}</span>
        <span class="online-cell"><OnlineBadge count={topic.online} /></span>
        <Icon name="chevron" size={18} class="chevron" />
      </a>
    </li>
  );
}
