import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: {
    fill: '#7df3e1',
    fontFamily: 'Helvetica, Arial, sans-serif',
    fontWeight: 700,
  },
});

/** The portal's wordmark, shown when the sidebar is open. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg viewBox="0 0 220 40" width={160} height={30} role="img">
      <title>Platform Portal</title>
      <text x="0" y="28" fontSize="26" className={classes.text}>
        Platform Portal
      </text>
    </svg>
  );
};
