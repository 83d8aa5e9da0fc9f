// Hash routing: the page is named after '#', so the server only ever serves index.html.
//
//   #/                      topics of the MQTT namespace
//   #/topics/tcp            topics of the TCP namespace
//   #/topic/mqtt/light002   one topic
//   #/admin                 the operator page

import { useEffect, useState } from 'preact/hooks';

export const NAMESPACES = ['mqtt', 'tcp'];

// The route named by a hash: {page: 'topics'|'topic'|'admin', ns?, name?}.
export function parseRoute(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] === 'admin') return { page: 'admin' };
  if (parts[0] === 'topic' && NAMESPACES.includes(parts[1]) && parts[2]) {
    return { page: 'topic', ns: parts[1], name: parts[2] };
  }
  if (parts[0] === 'topics' && NAMESPACES.includes(parts[1])) return { page: 'topics', ns: parts[1] };
  return { page: 'topics', ns: 'mqtt' };
}

export const topicHref = (ns, name) => `#/topic/${ns}/${encodeURIComponent(name)}`;
export const topicsHref = (ns) => (ns === 'mqtt' ? '#/' : `#/topics/${ns}`);

export function navigate(href) {
  if (location.hash !== href) location.hash = href;
}

// The current route; re-renders on every hash change.
export function useRoute() {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseRoute(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
