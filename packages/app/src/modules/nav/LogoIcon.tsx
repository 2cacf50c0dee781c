import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  box: { fill: '#7df3e1' },
  text: {
    fill: '#171717',
    fontFamily: 'Helvetica, Arial, sans-serif',
    fontWeight: 700,
  },
});

/** The portal's mark, shown when the sidebar is closed. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg viewBox="0 0 40 40" width={28} height={28} role="img">
      <title>Platform Portal</title>
      <rect width="40" height="40" rx="8" className={classes.box} />
      <text x="6" y="28" fontSize="20" className={classes.text}>
        PP
      </text>
    </svg>
  );
};
