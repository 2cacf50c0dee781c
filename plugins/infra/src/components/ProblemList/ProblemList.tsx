import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { WorkloadProblem, WorkloadProblemCode, WorkloadSummary } from '@internal/plugin-infra-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { infraTranslationRef } from '../../translation';
import { StatusLabel, type StatusSeverity } from '../StatusLabel';

const SEVERITY: Record<WorkloadProblemCode, StatusSeverity> = {
  CrashLoopBackOff: 'error',
  ImagePullBackOff: 'error',
  RolloutStuck: 'error',
  OOMKilled: 'warning',
  ReadinessFailing: 'warning',
  HpaAtMax: 'warning',
  NoProbes: 'info',
  NoPodDisruptionBudget: 'info',
};

const ORDER: StatusSeverity[] = ['error', 'warning', 'info'];

const useStyles = makeStyles(theme => ({
  item: { display: 'block', paddingLeft: 0, paddingRight: 0 },
  label: { fontWeight: theme.typography.fontWeightMedium as number },
}));

type Located = WorkloadProblem & {
  workload: Pick<WorkloadSummary, 'kind' | 'name'>;
};

/**
 * Problems of workloads, worst first, each with a plain-language hint that names the pod and
 * container (or the workload) it is about.
 */
export function ProblemList(props: { workloads: WorkloadSummary[]; label: string; empty?: string }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const classes = useStyles();
  const problems: Located[] = props.workloads
    .flatMap(w => w.problems.map(p => ({ ...p, workload: { kind: w.kind, name: w.name } })))
    .sort((a, b) => ORDER.indexOf(SEVERITY[a.code]) - ORDER.indexOf(SEVERITY[b.code]));

  if (problems.length === 0) {
    return props.empty ? (
      <Typography variant="body2" color="textSecondary">
        {props.empty}
      </Typography>
    ) : null;
  }

  const where = (p: Located) => {
    if (p.pod && p.container) {
      return t('problems.where.podContainer', {
        pod: p.pod,
        container: p.container,
      });
    }
    if (p.pod) return t('problems.where.pod', { pod: p.pod });
    return t('problems.where.workload', {
      kind: p.workload.kind,
      name: p.workload.name,
    });
  };

  return (
    <List dense disablePadding aria-label={props.label}>
      {problems.map((p, i) => (
        <ListItem
          key={`${p.workload.name}/${p.code}/${p.pod ?? ''}/${p.container ?? ''}/${i}`}
          className={classes.item}
        >
          <StatusLabel severity={SEVERITY[p.code]}>
            <span className={classes.label}>{t(`problems.label.${p.code}`)}</span>
          </StatusLabel>
          <Typography variant="body2">
            {t('problems.line', {
              where: where(p),
              hint: t(`problems.hint.${p.code}`),
            })}
          </Typography>
          {p.detail && (
            <Typography variant="caption" color="textSecondary" component="p">
              {t('problems.detail', { detail: p.detail })}
            </Typography>
          )}
        </ListItem>
      ))}
    </List>
  );
}
