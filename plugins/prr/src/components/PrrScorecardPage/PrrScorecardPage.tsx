import { Content, Header, InfoCard, Link, Page, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Tier } from '@internal/plugin-prr-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { useLocalized, useScorecard } from '../../hooks/usePrr';
import { prrTranslationRef } from '../../translation';
import { ReviewStatusChip, TierChip } from '../Chips';
import { TrendChart, TrendSparkline } from '../TrendChart';

function useHeat() {
  const theme = useTheme();
  return (score: number | null) => {
    if (score === null) return { background: theme.palette.grey[200], color: theme.palette.text.secondary };
    if (score >= 90) return { background: '#c8e6c9', color: '#1b5e20' };
    if (score >= 60) return { background: '#ffe0b2', color: '#8a4b00' };
    return { background: '#ffcdd2', color: '#b71c1c' };
  };
}

const entityPath = (ref: string) => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `/catalog/${namespace}/${kind}/${name}/prr`;
};

/** `/prr`: services × sections heat table, filters by team and tier, the fleet's score trend. */
export function PrrScorecardPage() {
  const { t } = useTranslationRef(prrTranslationRef);
  const local = useLocalized();
  const heat = useHeat();
  const [team, setTeam] = useState('');
  const [tier, setTier] = useState<'' | Tier | 'untiered'>('');
  const [teams, setTeams] = useState<string[]>([]);
  const { value, error, retry } = useScorecard({ team: team || undefined, tier: tier || undefined });
  useEffect(() => {
    if (value && !team) {
      setTeams(prev => [...new Set([...prev, ...value.rows.map(r => r.owner).filter((o): o is string => !!o)])].sort());
    }
  }, [value, team]);

  let body;
  if (value) {
    body = (
      <Box display="flex" flexDirection="column" gridGap={24}>
        <InfoCard title={t('scorecard.trend')} titleTypographyProps={{ component: 'h2' }}>
          {value.trend.length ? (
            <TrendChart points={value.trend} label={t('scorecard.trendLabel')} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('scorecard.noTrend')}
            </Typography>
          )}
        </InfoCard>
        <InfoCard title={t('scorecard.tableLabel')} titleTypographyProps={{ component: 'h2' }}>
          {value.rows.length === 0 ? (
            <Typography variant="body2">{t('scorecard.empty')}</Typography>
          ) : (
            <Box overflow="auto">
              <Table size="small" aria-label={t('scorecard.tableLabel')} style={{ minWidth: 1500 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('scorecard.service')}</TableCell>
                    <TableCell>{t('scorecard.owner')}</TableCell>
                    <TableCell>{t('scorecard.tier')}</TableCell>
                    <TableCell>{t('scorecard.review')}</TableCell>
                    <TableCell align="right" style={{ whiteSpace: 'nowrap', minWidth: 72 }}>
                      {t('scorecard.score')}
                    </TableCell>
                    {value.sections.map(s => (
                      <TableCell
                        key={s.id}
                        align="center"
                        style={{ minWidth: 96, wordBreak: 'normal', overflowWrap: 'normal' }}
                      >
                        {local(s.title)}
                      </TableCell>
                    ))}
                    <TableCell style={{ minWidth: 130 }}>{t('scorecard.trendColumn')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.rows.map(r => (
                    <TableRow key={r.entityRef}>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>
                        <Link to={entityPath(r.entityRef)}>{r.title ?? r.name}</Link>
                      </TableCell>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>
                        {r.owner?.replace(/^group:default\//, '') ?? '—'}
                      </TableCell>
                      <TableCell>
                        <TierChip tier={r.tier} />
                      </TableCell>
                      <TableCell>
                        <ReviewStatusChip status={r.reviewStatus} />
                      </TableCell>
                      <TableCell align="right" style={{ ...heat(r.score), whiteSpace: 'nowrap' }}>
                        {r.score === null ? t('scorecard.notEvaluated') : `${r.score} %`}
                      </TableCell>
                      {value.sections.map(s => {
                        const score = r.sections[s.id] ?? null;
                        return (
                          <TableCell key={s.id} align="center" style={heat(score)}>
                            {score === null ? '—' : score}
                          </TableCell>
                        );
                      })}
                      <TableCell style={{ minWidth: 120 }}>
                        {r.trend.length > 0 ? (
                          <TrendSparkline points={r.trend} label={`${r.name}: ${t('scorecard.trendLabel')}`} />
                        ) : (
                          '—'
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </InfoCard>
      </Box>
    );
  } else if (error) {
    body = (
      <Alert severity="error" role="status">
        {t('common.loadFailed', { message: error.message })}{' '}
        <Link to="#" onClick={() => retry()}>
          {t('common.retry')}
        </Link>
      </Alert>
    );
  } else {
    body = <Progress />;
  }

  return (
    <Page themeId="tool">
      <Header title={t('scorecard.title')} subtitle={t('scorecard.description')} />
      <Content>
        <Box display="flex" gridGap={16} mb={3}>
          <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
            <InputLabel id="prr-team-label">{t('scorecard.team')}</InputLabel>
            <Select
              labelId="prr-team-label"
              label={t('scorecard.team')}
              value={team}
              onChange={e => setTeam(String(e.target.value))}
            >
              <MenuItem value="">{t('scorecard.allTeams')}</MenuItem>
              {teams.map(x => (
                <MenuItem key={x} value={x}>
                  {x.replace(/^group:default\//, '')}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
            <InputLabel id="prr-tier-label">{t('scorecard.tier')}</InputLabel>
            <Select
              labelId="prr-tier-label"
              label={t('scorecard.tier')}
              value={tier}
              onChange={e => setTier(e.target.value as typeof tier)}
            >
              <MenuItem value="">{t('scorecard.allTiers')}</MenuItem>
              <MenuItem value="A">{t('tier.A')}</MenuItem>
              <MenuItem value="B">{t('tier.B')}</MenuItem>
              <MenuItem value="C">{t('tier.C')}</MenuItem>
              <MenuItem value="untiered">{t('tier.untiered')}</MenuItem>
            </Select>
          </FormControl>
        </Box>
        {body}
      </Content>
    </Page>
  );
}
