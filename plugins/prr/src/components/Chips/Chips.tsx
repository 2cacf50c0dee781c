import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ItemStatus, ReviewStatus, Tier } from '@internal/plugin-prr-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { prrTranslationRef } from '../../translation';

// White on the palette's main red or blue is under WCAG AA's 4.5:1 (3.7:1, 3.1:1): those chips use the dark shades.
const useStyles = makeStyles(theme => ({
  pass: { backgroundColor: theme.palette.success.main, color: theme.palette.success.contrastText },
  fail: { backgroundColor: theme.palette.error.dark, color: theme.palette.getContrastText(theme.palette.error.dark) },
  pending: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
  },
  unknown: { backgroundColor: theme.palette.grey[400], color: theme.palette.getContrastText(theme.palette.grey[400]) },
  na: { backgroundColor: theme.palette.grey[200], color: theme.palette.text.secondary },
  info: { backgroundColor: theme.palette.info.dark, color: theme.palette.getContrastText(theme.palette.info.dark) },
}));

/** The status of one checklist item. */
export function ItemStatusChip(props: { status: ItemStatus }) {
  const { t } = useTranslationRef(prrTranslationRef);
  const classes = useStyles();
  const cls = {
    pass: classes.pass,
    fail: classes.fail,
    pending: classes.pending,
    unknown: classes.unknown,
    'not-applicable': classes.na,
  }[props.status];
  return <Chip size="small" label={t(`status.${props.status}`)} className={cls} />;
}

/** The state of a review (or "not started"). */
export function ReviewStatusChip(props: { status?: ReviewStatus }) {
  const { t } = useTranslationRef(prrTranslationRef);
  const classes = useStyles();
  const s = props.status;
  const byStatus: Record<ReviewStatus, string> = {
    approved: classes.pass,
    drifted: classes.fail,
    changes_requested: classes.fail,
    in_review: classes.info,
    draft: classes.pending,
  };
  const cls = s ? byStatus[s] : classes.na;
  return <Chip size="small" label={s ? t(`review.${s}`) : t('review.none')} className={cls} />;
}

export function TierChip(props: { tier: Tier | null }) {
  const { t } = useTranslationRef(prrTranslationRef);
  return <Chip size="small" variant="outlined" label={props.tier ? t(`tier.${props.tier}`) : t('tier.untiered')} />;
}
