// Line icons (24x24, stroked with the current colour): one per device type and a few for actions.

const PATHS = {
  // device types
  outlet: 'M7 3h10a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4zM9.5 9v3M14.5 9v3M10 16h4',
  light: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2V16h5v-.1c0-.8.4-1.5 1-2A6 6 0 0 0 12 3z',
  fan: 'M12 12c0-3 1-7 4-7s3 4 0 5.5M12 12c3 0 7 1 7 4s-4 3-5.5 0M12 12c0 3-1 7-4 7s-3-4 0-5.5M12 12c-3 0-7-1-7-4s4-3 5.5 0M12 12h.01',
  sensor: 'M14 14.8V5a2 2 0 0 0-4 0v9.8a4 4 0 1 0 4 0zM12 9v7',
  aircondition: 'M4 5h16a1 1 0 0 1 1 1v5a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM7 9h10M8 15c0 2-1 3-1 4M12 15v4M16 15c0 2 1 3 1 4',
  switch: 'M8 7h8a5 5 0 0 1 0 10H8A5 5 0 0 1 8 7zM16 14.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  curtain: 'M3 4h18M5 4v16M19 4v16M5 4c0 6 2 11 5 16M19 4c0 6-2 11-5 16',
  thermostat: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 12l3-3M7.5 15.5h.01M16.5 15.5h.01',
  waterheater: 'M12 3s6 6.5 6 11a6 6 0 0 1-12 0c0-4.5 6-11 6-11zM10 15a2 2 0 0 0 2 2',
  television: 'M4 7h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zM8 3l4 4 4-4',
  airpurifier: 'M3 8h11a3 3 0 1 0-3-3M3 12h16a3 3 0 1 1-3 3M3 16h7',
  plain: 'M5 9h14M5 15h14M10 4 8 20M16 4l-2 16',
  // actions
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
  plus: 'M12 5v14M5 12h14',
  back: 'M15 5l-7 7 7 7',
  chevron: 'M9 5l7 7-7 7',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  edit: 'M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4',
  send: 'M4 12l16-8-6 16-2-7-8-1z',
  upload: 'M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3',
  copy: 'M9 9h10v11H9zM5 15V4h10',
  power: 'M12 3v9M7 6.3a8 8 0 1 0 10 0',
  key: 'M15 9a3 3 0 1 0 0 .01M12.9 11.1 4 20M7 17l2 2M5.5 18.5l1.5 1.5',
  logout: 'M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  close: 'M6 6l12 12M18 6 6 18',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 7M22 21a7 7 0 0 0-4-6.3',
  chip: 'M7 7h10v10H7zM10 3v4M14 3v4M10 17v4M14 17v4M3 10h4M3 14h4M17 10h4M17 14h4',
};

export function Icon({ name, size = 20, class: cls = '', title }) {
  const d = PATHS[name] || PATHS.plain;
  return (
    <svg class={`icon ${cls}`} width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
         stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden={title ? undefined : 'true'}
         role={title ? 'img' : undefined}>
      {title && <title>{title}</title>}
      <path d={d} />
    </svg>
  );
}

// The icon of a device type (`deviceType(...).id`), in a tinted tile.
export function TypeIcon({ type, size = 20 }) {
  return (
    <span class={`type-icon type-${type.id || 'plain'}`} title={type.label}>
      <Icon name={type.id || 'plain'} size={size} title={type.label} />
    </span>
  );
}
