import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { AdminScreen } from './admin/admin-pages';
import { currentSession, onSessionChange, signOut, type Session } from './api/client';
import { SignIn } from './auth/sign-in';
import { AlertingScreen } from './alerting/alerting-pages';
import { BoardPage } from './board/board-page';
import { useI18n } from './i18n/i18n';
import { NotificationBell, NotificationsPage } from './notifications/notifications';
import { ParkPage, ParksPage, StationPage } from './registry/registry-pages';
import { hrefOf, isAlertingRoute, useRoute, type AlertingRoute, type Route } from './route';
import { ReportsPage } from './reports/reports-page';
import { StationDataPage } from './data/station-data';
import { QuarantinePage } from './quarantine/quarantine-page';

/** The registry's screens (#/registry...); anything else is one of the screens below. */
function RegistryScreen({
  route,
}: {
  route: Exclude<
    Route,
    | {
        screen:
          | 'board'
          | 'reports'
          | 'notifications'
          | 'adminDevices'
          | 'adminUsers'
          | 'stationData'
          | 'quarantine';
      }
    | AlertingRoute
  >;
}) {
  switch (route.screen) {
    case 'parks':
      return <ParksPage />;
    case 'park':
      return <ParkPage key={route.code} code={route.code} />;
    case 'station':
      return <StationPage key={route.id} id={route.id} />;
  }
}
/** The frame: skip link, header (language switch, previous dashboard, sign-out) and the one screen so far. */
export function App() {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(currentSession);
  const route = useRoute();
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
        {session && (
          <nav className="app-nav" aria-label={i18n.t('screensNav')}>
            <a href="#/" aria-current={route.screen === 'board' ? 'page' : undefined} data-testid="nav-board">
              {i18n.t('navBoard')}
            </a>
            <a
              href={hrefOf({ screen: 'reports' })}
              aria-current={route.screen === 'reports' ? 'page' : undefined}
              data-testid="nav-reports"
            >
              {i18n.t('navReports')}
            </a>
            <a
              href={hrefOf({ screen: 'parks' })}
              aria-current={['parks', 'park', 'station'].includes(route.screen) ? 'page' : undefined}
              data-testid="nav-registry"
            >
              {i18n.t('navRegistry')}
            </a>
            {session.user.role === 'admin' && (
              <a
                href={hrefOf({ screen: 'adminDevices' })}
                aria-current={['adminDevices', 'adminUsers'].includes(route.screen) ? 'page' : undefined}
                data-testid="nav-admin"
              >
                {i18n.t('adminNav')}
              </a>
            )}
            {(session.user.role === 'admin' || session.user.role === 'officer') && (
              <a
                href={hrefOf({ screen: 'alert-rules' })}
                aria-current={isAlertingRoute(route) && route.screen !== 'notify-me' ? 'page' : undefined}
                data-testid="nav-alerting"
              >
                {i18n.t('alertingNav')}
              </a>
            )}
            <a
              href={hrefOf({ screen: 'notify-me' })}
              aria-current={route.screen === 'notify-me' ? 'page' : undefined}
              data-testid="nav-notify-me"
            >
              {i18n.t('alertingNotifyMeNav')}
            </a>
            {(session.user.role === 'officer' || session.user.role === 'admin') && (
              <a
                href={hrefOf({ screen: 'quarantine' })}
                aria-current={route.screen === 'quarantine' ? 'page' : undefined}
                data-testid="nav-quarantine"
              >
                {i18n.t('dataNavQuarantine')}
              </a>
            )}
            <NotificationBell
              href={hrefOf({ screen: 'notifications' })}
              current={route.screen === 'notifications'}
            />
          </nav>
        )}
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
        {!session ? (
          <SignIn />
        ) : route.screen === 'board' ? (
          <BoardPage />
        ) : route.screen === 'reports' ? (
          <ReportsPage />
        ) : route.screen === 'notifications' ? (
          <NotificationsPage />
        ) : route.screen === 'adminDevices' || route.screen === 'adminUsers' ? (
          <AdminScreen screen={route.screen} />
        ) : isAlertingRoute(route) ? (
          <AlertingScreen route={route} />
        ) : route.screen === 'stationData' ? (
          <StationDataPage key={route.id} id={route.id} />
        ) : route.screen === 'quarantine' ? (
          <QuarantinePage />
        ) : (
          <RegistryScreen route={route} />
        )}
      </main>
    </>
  );
}
