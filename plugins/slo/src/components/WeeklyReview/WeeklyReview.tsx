import { Content, ContentHeader, Link, Progress } from '@backstage/core-components';
import { appLanguageApiRef, useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { WeeklyReview as WeeklyReviewData } from '@internal/plugin-slo-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import GetApp from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { sloApiRef, type WeeklyReviewFormat } from '../../api/SloApi';
import { useWeeklyReview } from '../../hooks/useFleet';
import { useFormatters } from '../../hooks/useFormatters';
import { LoadFailed, downloadText, errorMessage } from '@internal/plugin-portal-react';
import { toRatio } from '../../lib/format';
import { sloTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  cell: { whiteSpace: 'nowrap' },
  met: {
    backgroundColor: theme.palette.type === 'dark' ? 'rgba(76,175,80,0.25)' : '#e6f4e7',
  },
  missed: {
    backgroundColor: theme.palette.type === 'dark' ? 'rgba(244,67,54,0.3)' : '#fde3e1',
    fontWeight: 500,
  },
  noData: { color: theme.palette.text.secondary },
}));

const FILES: Record<WeeklyReviewFormat, { extension: string; type: string }> = {
  markdown: { extension: 'md', type: 'text/markdown;charset=utf-8' },
  csv: { extension: 'csv', type: 'text/csv;charset=utf-8' },
};

type CellState = 'met' | 'missed' | 'noData';

function AttainmentTable(props: { review: WeeklyReviewData }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const classes = useStyles();
  const format = useFormatters();
  const entityLink = useEntityRefLink();
  const { weeks, rows } = props.review;

  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('review.empty')}
      </Typography>
    );
  }
  const stateOf = (value: number | null, objective: number): CellState => {
    if (value === null || value === undefined) return 'noData';
    return toRatio(value) >= toRatio(objective) ? 'met' : 'missed';
  };

  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label={t('review.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell className={classes.cell}>{t('review.columns.service')}</TableCell>
            <TableCell align="right" className={classes.cell}>
              {t('review.columns.objective')}
            </TableCell>
            {weeks.map(week => (
              <TableCell
                key={week}
                align="right"
                className={classes.cell}
                title={t('review.weekOf', { date: format.day(week) })}
              >
                {format.shortDay(week)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.entityRef}>
              <TableCell component="th" scope="row" className={classes.cell}>
                <Link to={`${entityLink(row.entityRef)}/slo`}>{row.name}</Link>
                {row.noData && (
                  <Typography variant="caption" display="block" color="textSecondary" data-no-data={row.noData.code}>
                    {t('common.noData')}: {t(`noData.${row.noData.code}`)}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right" className={classes.cell}>
                {format.objective(row.objective)}
              </TableCell>
              {weeks.map((week, i) => {
                const value = row.attainment[i] ?? null;
                const state = stateOf(value, row.objective);
                const text = value === null ? t('common.none') : format.attainment(value);
                const label = t('review.cell', {
                  value: text,
                  state: t(`review.${state}`),
                });
                return (
                  <TableCell
                    key={week}
                    align="right"
                    className={`${classes.cell} ${classes[state]}`}
                    title={`${t('review.weekOf', {
                      date: format.day(week),
                    })}: ${label}`}
                    aria-label={label}
                    data-state={state}
                  >
                    {text}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * The weekly SLO review: twelve weeks of attainment per service, each cell coloured by whether it
 * met the objective, with the Markdown and CSV exports for the review meeting.
 */
export function WeeklyReview() {
  const { t } = useTranslationRef(sloTranslationRef);
  const api = useApi(sloApiRef);
  const languageApi = useApi(appLanguageApiRef);
  const { value, error, retry } = useWeeklyReview();
  const [downloading, setDownloading] = useState<WeeklyReviewFormat>();
  const [failure, setFailure] = useState<string>();

  const download = async (format: WeeklyReviewFormat) => {
    setDownloading(format);
    try {
      // The Markdown in the language of the screen it was asked from.
      const text = await api.getWeeklyReviewText(format, languageApi.getLanguage().language === 'ja' ? 'ja' : 'en');
      const lastWeek = value?.weeks[value.weeks.length - 1];
      const name = `slo-weekly-review${lastWeek ? `-${lastWeek}` : ''}`;
      downloadText(text, `${name}.${FILES[format].extension}`, FILES[format].type);
      setFailure(undefined);
    } catch (e) {
      setFailure(t('review.downloadFailed', { message: errorMessage(e) }));
    } finally {
      setDownloading(undefined);
    }
  };

  return (
    <Content>
      <ContentHeader description={t('review.description')}>
        <Box display="flex" gridGap={8}>
          <Button
            variant="outlined"
            startIcon={<GetApp />}
            disabled={downloading !== undefined}
            onClick={() => download('markdown')}
          >
            {t('review.downloadMarkdown')}
          </Button>
          <Button
            variant="outlined"
            startIcon={<GetApp />}
            disabled={downloading !== undefined}
            onClick={() => download('csv')}
          >
            {t('review.downloadCsv')}
          </Button>
        </Box>
      </ContentHeader>
      {failure && (
        <Box mb={2}>
          <Typography role="alert" variant="body2" color="error">
            {failure}
          </Typography>
        </Box>
      )}
      {value && <AttainmentTable review={value} />}
      {!value && error && <LoadFailed error={error} onRetry={retry} notFound={t('common.noSlo')} />}
      {!value && !error && <Progress />}
    </Content>
  );
}
