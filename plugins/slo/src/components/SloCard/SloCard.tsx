// The card frame is the infra plugin's: an `h2` title, chips top right, the content below.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- shared card frame until an infra-react package exists
export { InfraCard as SloCard } from '@internal/plugin-infra';
