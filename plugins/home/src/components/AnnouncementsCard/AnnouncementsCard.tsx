import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { configApiRef, useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { homeTranslationRef } from '../../translation';

/** The platform team's announcements from `portal.announcements`; Markdown without raw HTML. */
export function AnnouncementsCard() {
  const { t } = useTranslationRef(homeTranslationRef);
  const config = useApi(configApiRef);
  const items = (config.getOptionalConfigArray('portal.announcements') ?? []).map(c => ({
    date: c.getString('date'),
    title: c.getString('title'),
    body: c.getString('body'),
  }));
  const locale = typeof document !== 'undefined' ? document.documentElement.lang || 'en' : 'en';
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <InfoCard title={t('announcements.title')}>
      {items.length === 0 && <Typography>{t('announcements.empty')}</Typography>}
      {items.map(a => (
        <Box key={`${a.date}-${a.title}`} mb={2} component="article">
          <Typography variant="subtitle2" color="textSecondary">
            {format.format(new Date(a.date))}
          </Typography>
          <Typography variant="h6">{a.title}</Typography>
          <MarkdownContent content={a.body} dialect="gfm" />
        </Box>
      ))}
    </InfoCard>
  );
}
