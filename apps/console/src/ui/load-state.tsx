import { useI18n } from '../i18n/i18n';

/** What a screen says while its data loads or when it could not be read (announced, not only drawn). */
export function LoadState({ isError, isLoading }: { isError: boolean; isLoading: boolean }) {
  const i18n = useI18n();
  if (!isError && !isLoading) return null;
  return (
    <p className="status-line" role="status">
      {isError ? i18n.t('registryLoadError') : i18n.t('refreshing')}
    </p>
  );
}
