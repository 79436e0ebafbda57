import { useTranslation } from 'react-i18next';
import { SEXES } from '../../domain/patients/fields';

/** The sex choices of every patient form and filter, in the domain's order, after a first empty or "any" choice. */
export function SexOptions({ empty = '' }: { empty?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{empty}</option>
      {SEXES.map((s) => <option key={s} value={s}>{t(`patient.sex${s}`)}</option>)}
    </>
  );
}
