import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { durationWords } from './sla-clock';

/** Minutes in the reader's words ("2 d 3 h", "15 min"), in the current language. */
export function useDurationWords(): (minutes: number) => string {
  const { t } = useTranslation();
  // The units are looked up once per language, not per duration: a queue shows two durations per row.
  const units = useMemo(
    () => ({
      d: t('workspace.sla.d'),
      h: t('workspace.sla.h'),
      min: t('workspace.sla.min'),
      lessThanAMinute: t('workspace.sla.lessThanAMinute'),
    }),
    [t],
  );
  return useCallback((minutes: number) => durationWords(minutes, units), [units]);
}
