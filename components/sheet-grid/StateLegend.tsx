import { STATE_LEGEND } from "./model";
import styles from "./sheet-grid.module.css";

/** The colour key of the cell states. */
export function StateLegend() {
  return (
    <ul className={styles.legend} aria-label="Cell colours">
      {STATE_LEGEND.map(({ state, label }) => (
        <li key={state}>
          <span className={`${styles.swatch} ${styles[state]}`} aria-hidden />
          {label}
        </li>
      ))}
    </ul>
  );
}
