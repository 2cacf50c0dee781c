import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { ReactNode } from 'react';

/**
 * The frame of every infra card: an `h2` title (so the card can be found by its heading), the
 * freshness chips top right, the content below.
 */
export function InfraCard(props: { title: string; chips?: ReactNode; children: ReactNode }) {
  return (
    <InfoCard
      title={props.title}
      titleTypographyProps={{ component: 'h2' }}
      action={
        props.chips ? (
          <Box display="flex" flexWrap="wrap" justifyContent="flex-end" alignItems="center" gridGap={4} pt={1} pr={1}>
            {props.chips}
          </Box>
        ) : undefined
      }
    >
      {props.children}
    </InfoCard>
  );
}
