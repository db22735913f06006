import styles from "./auth.module.css";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className={styles.shell}>
      <div className={styles.brand}>
        <span className={styles.logo}>✓</span> Vouch
      </div>
      {children}
    </main>
  );
}
