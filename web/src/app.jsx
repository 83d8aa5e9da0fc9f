// The console: the signed-in tenant's pages (topics, one topic), the sign-in page, and the
// operator page, which has its own key and is reachable signed in or not.

import { useEffect, useState } from 'preact/hooks';
import { api } from './lib/api.js';
import { startLive, stopLive } from './lib/live.js';
import { useRoute } from './lib/route.js';
import { savedKey, saveKey } from './lib/session.js';
import { startTopics, stopTopics } from './lib/topics.js';
import { Header } from './components/header.jsx';
import { AdminPage } from './pages/admin.jsx';
import { SignInPage } from './pages/sign_in.jsx';
import { TopicPage } from './pages/topic.jsx';
import { TopicsPage } from './pages/topics.jsx';

export function App() {
  const route = useRoute();
  const [key, setKey] = useState(savedKey);
  const [tenant, setTenant] = useState(null);
  const [notice, setNotice] = useState('');

  const signOut = (message = '') => {
    saveKey('');
    setKey('');
    setTenant(null);
    setNotice(message);
  };

  const signIn = (k, t) => {
    saveKey(k);
    setNotice('');
    setTenant(t);
    setKey(k);
  };

  useEffect(() => {
    if (!key) {
      stopTopics();
      stopLive();
      return undefined;
    }
    const refused = () => signOut('The private key is no longer accepted: sign in again.');
    startTopics(key, refused);
    startLive(key);
    let current = true;
    api.me(key).then((me) => current && setTenant(me.tenant)).catch((e) => current && e.status === 401 && refused());
    return () => {
      current = false;
    };
  }, [key]);

  let page;
  if (route.page === 'admin') page = <AdminPage />;
  else if (!key) page = <SignInPage onSignedIn={signIn} notice={notice} />;
  else if (route.page === 'topic') page = <TopicPage key={`${route.ns}/${route.name}`} apiKey={key} ns={route.ns} name={route.name} />;
  else page = <TopicsPage apiKey={key} ns={route.ns} />;

  return (
    <div class="shell">
      <Header route={route} tenant={key ? tenant : null} signedIn={!!key} onSignOut={() => signOut()} />
      <main class="content">{page}</main>
    </div>
  );
}
