import { useTranslation } from 'react-i18next';
import type { Container } from '../../domain/lab/containers';
import type { Priority } from '../../domain/lab/requisition';
import type { SpecimenStatus } from '../../domain/lab/status';

/** STAT and urgent stand out in every list; routine stays quiet. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return <span className={`badge priority-${priority}`}>{t(`lab.priority_${priority}`)}</span>;
}

/** The tube's cap colour next to its name: what a phlebotomist looks for on the tray. */
export function ContainerChip({ container }: { container: Container }) {
  const { t } = useTranslation();
  return (
    <span className="container-chip">
      <span className={`cap cap-${container}`} aria-hidden="true" />
      {t(`lab.container_${container}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: SpecimenStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`lab.status_${status}`)}</span>;
}
