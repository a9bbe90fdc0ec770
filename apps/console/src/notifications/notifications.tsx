import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { apiGet, apiSend } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { hrefOf } from '../route';

/**
 * The notification centre: the signed-in user's in-app notifications of alerts (GET /api/notifications),
 * each alert's reason worded by the one reason catalogue; the bell in the header shows the unread count.
 */
const NOTIFICATIONS_REFRESH_MS = 10_000;

function useNotifications() {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: () => apiGet('/api/notifications', { query: { limit: 100 } }),
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
  });
}

export function NotificationBell({ href, current }: { href: string; current: boolean }) {
  const i18n = useI18n();
  const unread = useNotifications().data?.unread ?? 0;
  return (
    <a
      href={href}
      className="bell"
      aria-current={current ? 'page' : undefined}
      data-testid="notification-bell"
      data-unread={unread}
    >
      <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      <span className="visually-hidden">{i18n.t('notificationsUnread', { count: unread })}</span>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </a>
  );
}

export function NotificationsPage() {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const inbox = useNotifications();
  const markRead = useMutation({
    mutationFn: (id: number) => apiSend('POST', '/api/notifications/{id}/read', { id }, undefined as never),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const data = inbox.data;
  return (
    <div className="notifications" data-testid="notifications">
      <h1>{i18n.t('notificationsTitle')}</h1>
      <p>
        <a href={hrefOf({ screen: 'notify-me' })} data-testid="notifications-notify-me">
          {i18n.t('alertingNotifyMeTitle')}
        </a>
      </p>
      <p className="status-line" role="status" data-testid="notifications-status">
        {inbox.isError
          ? i18n.t('loadError')
          : data
            ? i18n.t('notificationsUnread', { count: data.unread })
            : i18n.t('refreshing')}
      </p>
      {data && data.notifications.length === 0 && (
        <p className="empty" data-testid="notifications-empty">
          {i18n.t('notificationsEmpty')}
        </p>
      )}
      {data && data.notifications.length > 0 && (
        <ul className="notification-list" data-testid="notification-list">
          {data.notifications.map((n) => (
            <li
              key={n.id}
              className={n.readAt ? 'notification read' : 'notification unread'}
              data-testid="notification"
              data-read={n.readAt !== null}
            >
              <div className="notification-head">
                <span className={`severity severity-${n.alert.severity}`}>
                  {i18n.t(`event_${n.event}` as MessageKey)}
                </span>{' '}
                <time dateTime={n.createdAt}>{i18n.time(n.createdAt)}</time>
              </div>
              <p className="notification-reason">{i18n.reason(n.alert.reason)}</p>
              {!n.readAt && (
                <Button
                  className="button"
                  isDisabled={markRead.isPending}
                  onPress={() => markRead.mutate(n.id)}
                  data-testid="notification-read"
                >
                  {i18n.t('markRead')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
