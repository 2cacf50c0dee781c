import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Card from '@material-ui/core/Card';
import CardActionArea from '@material-ui/core/CardActionArea';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PROBLEMS, type Problem } from '../../api/CatalogQualityApi';
import { catalogQualityTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  selected: { outline: `2px solid ${theme.palette.primary.main}` },
  area: { height: '100%' },
  count: { fontWeight: 700 },
}));

/**
 * One card per problem with its number of findings; choosing a card filters the table to that
 * problem, choosing it again shows every problem.
 */
export function ProblemSummary(props: {
  counts: Record<Problem, number>;
  selected?: Problem;
  onSelect: (problem: Problem | undefined) => void;
}) {
  const { t } = useTranslationRef(catalogQualityTranslationRef);
  const classes = useStyles();
  const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';
  const number = new Intl.NumberFormat(locale);
  return (
    <Grid container spacing={2} component="ul" style={{ listStyle: 'none', padding: 0 }}>
      {PROBLEMS.map(problem => {
        const selected = props.selected === problem;
        const count = props.counts[problem] ?? 0;
        return (
          <Grid item xs={6} sm={4} md={3} lg component="li" key={problem}>
            <Card className={`${classes.card} ${selected ? classes.selected : ''}`} variant="outlined">
              <CardActionArea
                className={classes.area}
                aria-pressed={selected}
                data-problem={problem}
                onClick={() => props.onSelect(selected ? undefined : problem)}
              >
                <CardContent>
                  <Typography
                    variant="h4"
                    component="p"
                    className={classes.count}
                    color={count > 0 ? 'textPrimary' : 'textSecondary'}
                  >
                    {number.format(count)}
                  </Typography>
                  <Typography variant="subtitle2" component="p">
                    {t(`problems.${problem}`)}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {t(`problemHints.${problem}`)}
                  </Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          </Grid>
        );
      })}
    </Grid>
  );
}
