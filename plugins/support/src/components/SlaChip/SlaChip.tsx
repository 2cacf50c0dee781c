import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { formatMinutes, type SlaClock } from '@internal/plugin-support-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { supportTranslationRef } from '../../translation';

const COLORS: Record<string, { background: string; color: string }> = {
  ok: { background: '#e8f5e9', color: '#1b5e20' },
  met: { background: '#e3f2fd', color: '#0d47a1' },
  // Deep orange 900: 5.2:1 on the chip's background (orange 900, #e65100, was 3.45:1, under WCAG AA).
  warning: { background: '#fff3e0', color: '#bf360c' },
  breached: { background: '#ffebee', color: '#b71c1c' },
  paused: { background: '#eceff1', color: '#37474f' },
};

/** One SLA clock as a chip: on track (green), at risk (orange), breached (red), met, paused. */
export function SlaChip(props: { clock: SlaClock; compact?: boolean }) {
  const { t } = useTranslationRef(supportTranslationRef);
  const { clock } = props;
  const key = clock.paused && clock.state !== 'breached' ? 'paused' : clock.state;
  const name = clock.kind === 'first_response' ? t('sla.firstResponse') : t('sla.resolution');
  const detail = t('sla.elapsed', {
    elapsed: formatMinutes(clock.elapsedMinutes),
    target: formatMinutes(clock.targetMinutes),
  });
  const remaining = t('sla.remaining', { time: formatMinutes(clock.remainingMinutes) });
  const label =
    !props.compact && (clock.state === 'ok' || clock.state === 'warning')
      ? `${name}: ${t(`sla.${key}` as 'sla.ok')} · ${remaining}`
      : `${name}: ${t(`sla.${key}` as 'sla.ok')}`;
  return (
    <Tooltip title={clock.state === 'ok' || clock.state === 'warning' ? `${detail} · ${remaining}` : detail}>
      <Chip size="small" label={label} style={COLORS[key]} data-sla-state={clock.state} />
    </Tooltip>
  );
}
