// The topic list of one namespace (tabs MQTT / TCP): search, sort, live values, and new topics.

import { useMemo, useState } from 'preact/hooks';
import { deviceType } from '../lib/devices.js';
import { useNow } from '../lib/format.js';
import { NAMESPACES, topicsHref } from '../lib/route.js';
import { useTopics } from '../lib/topics.js';
import { CreateTopicDialog } from '../components/create_topic.jsx';
import { Icon } from '../components/icons.jsx';
import { TopicRow } from '../components/topic_row.jsx';

const NS_LABELS = { mqtt: 'MQTT', tcp: 'TCP' };

// by the name shown (the display name, else the topic's name)
const byLabel = (a, b) => (a.display_name || a.name).localeCompare(b.display_name || b.name) || a.name.localeCompare(b.name);

const SORTS = {
  name: byLabel,
  updated: (a, b) => (b.time_ms || 0) - (a.time_ms || 0) || byLabel(a, b),
  online: (a, b) => (b.online || 0) - (a.online || 0) || byLabel(a, b),
};

function matches(t, q) {
  if (!q) return true;
  return [t.name, t.display_name, t.value, deviceType(t).label]
    .some((s) => typeof s === 'string' && s.toLowerCase().includes(q));
}

export function TopicsPage({ apiKey, ns }) {
  const { topics, loaded, error } = useTopics();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState('name');
  const [creating, setCreating] = useState(false);
  const now = useNow(1000);

  const counts = useMemo(() => {
    const c = { mqtt: 0, tcp: 0 };
    for (const t of topics) if (t.namespace in c) c[t.namespace]++;
    return c;
  }, [topics]);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return topics.filter((t) => t.namespace === ns && matches(t, q)).sort(SORTS[sort]);
  }, [topics, ns, search, sort]);

  return (
    <section class="page">
      <div class="page-head">
        <h1>Topics</h1>
        <button type="button" class="primary" onClick={() => setCreating(true)} id="new-topic">
          <Icon name="plus" size={18} />
          <span>New topic</span>
        </button>
      </div>

      <div class="tabs" role="tablist">
        {NAMESPACES.map((n) => (
          <a key={n} role="tab" href={topicsHref(n)} aria-selected={n === ns ? 'true' : 'false'}
             class={n === ns ? 'tab active' : 'tab'}>
            {NS_LABELS[n]} <span class="count">{counts[n]}</span>
          </a>
        ))}
      </div>

      <div class="toolbar">
        <label class="search">
          <Icon name="search" size={18} />
          <input type="search" placeholder="Search by name, value or type" value={search} aria-label="Search topics"
                 onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <label class="sort">
          <span>Sort</span>
          <select value={sort} onChange={(e) => setSort(e.currentTarget.value)} aria-label="Sort topics">
            <option value="name">Name</option>
            <option value="updated">Last update</option>
            <option value="online">Online</option>
          </select>
        </label>
      </div>

      {error && <p class="error" role="alert">Updating the list failed: {error}</p>}

      {!loaded ? (
        <p class="muted empty">Loading topics…</p>
      ) : shown.length === 0 ? (
        <div class="empty card">
          {search ? (
            <p>No {NS_LABELS[ns]} topic matches “{search}”.</p>
          ) : (
            <>
              <p>No topics in the {NS_LABELS[ns]} namespace yet.</p>
              <p class="muted">Create one, or let a device use one: a tenant that creates topics on first use gets them
                from its devices.</p>
            </>
          )}
        </div>
      ) : (
        <ul class="topic-list" aria-label={`${NS_LABELS[ns]} topics`}>
          <li class="topic-list-head" aria-hidden="true">
            <span />
            <span>Topic</span>
            <span>Latest value</span>
            <span>Updated</span>
            <span>Online</span>
          </li>
          {shown.map((t) => <TopicRow key={t.name} topic={t} now={now} />)}
        </ul>
      )}

      {creating && <CreateTopicDialog apiKey={apiKey} ns={ns} onClose={() => setCreating(false)} />}
    </section>
  );
}
