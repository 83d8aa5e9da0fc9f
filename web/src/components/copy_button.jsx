// A small button that copies `text` to the clipboard and says so for a moment.

import { useState } from 'preact/hooks';
import { Icon } from './icons.jsx';

function fallbackCopy(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    document.execCommand('copy');
  } finally {
    area.remove();
  }
}

export function CopyButton({ text, label = 'Copy' }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      fallbackCopy(text); // plain http: no clipboard API
    }
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  };
  return (
    <button type="button" class="small" onClick={copy} title={`Copy ${text}`}>
      <Icon name="copy" size={16} />
      <span>{done ? 'Copied' : label}</span>
    </button>
  );
}
