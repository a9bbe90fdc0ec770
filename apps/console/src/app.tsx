import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { currentSession, onSessionChange, signOut, type Session } from './api/client';
import { SignIn } from './auth/sign-in';
import { BoardPage } from './board/board-page';
import { useI18n } from './i18n/i18n';

/** The frame: skip link, header (language switch, previous dashboard, sign-out) and the one screen so far. */
export function App() {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(currentSession);
  useEffect(
    () =>
      onSessionChange((next) => {
        setSession(next);
        if (!next) queryClient.clear();
      }),
    [queryClient],
  );
  return (
    <>
      <a className="skip-link" href="#main">
        {i18n.t('skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-name">{i18n.t('appName')}</span>
        <nav className="app-actions" aria-label={i18n.t('appName')}>
          <a href="/">{i18n.t('oldDashboard')}</a>
          <Button
            className="button"
            data-testid="language-switch"
            aria-label={i18n.t('switchLanguageLabel')}
            lang={i18n.language === 'vi' ? 'en' : 'vi'}
            onPress={() => i18n.setLanguage(i18n.language === 'vi' ? 'en' : 'vi')}
          >
            {i18n.t('switchLanguage')}
          </Button>
          {session && (
            <Button className="button" onPress={() => void signOut()}>
              {i18n.t('signOut')}
            </Button>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {session ? <BoardPage /> : <SignIn />}
      </main>
    </>
  );
}
