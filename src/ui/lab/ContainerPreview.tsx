import { useTranslation } from 'react-i18next';
import type { Catalogue } from '../../domain/lab/catalogue';
import { groupSpecimens } from '../../domain/lab/grouping';
import { resolveTests } from '../../domain/lab/requisition';
import { ContainerChip } from './Badges';

/** The tubes the chosen tests need, as the labels will be printed: one line per container. */
export function ContainerPreview({ catalogue, codes }: { catalogue: Catalogue; codes: string[] }) {
  const { t } = useTranslation();
  const resolved = resolveTests(codes, catalogue);
  if (!resolved.ok || codes.length === 0) return null;
  const groups = groupSpecimens(resolved.tests);
  return (
    <section className="container-preview" aria-label={t('lab.preview', { count: groups.length })}>
      <h3>{t('lab.preview', { count: groups.length })}</h3>
      <ol>
        {groups.map((g, i) => (
          <li key={i} data-testid="preview-container">
            <ContainerChip container={g.container} /> <span className="hint">{t(`lab.sample_${g.sample}`)}</span> <strong>{g.tests.join(' ')}</strong>
          </li>
        ))}
      </ol>
    </section>
  );
}
