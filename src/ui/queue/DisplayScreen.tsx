import { useTranslation } from 'react-i18next';
import { useLive } from '../services';
import { useLiveFront } from '../useCases';

const NEXT_SHOWN = 6;

/** The waiting-room screen: large type, read-only, readable from the back of the hall. */
export function DisplayScreen({ dept }: { dept: string }) {
  const { i18n } = useTranslation();
  const en = i18n.getFixedT('en');
  const hi = i18n.getFixedT('hi');
  const identity = useLive((d) => d.identity(), []);
  const queue = useLiveFront((f) => f.queue(dept), [dept]);
  const d = identity?.departments.find((x) => x.code === dept);
  const now = queue?.called[0];
  return (
    <main className="display">
      <h1>{d ? `${d.name} · ${d.nameHi}` : dept}</h1>
      <section>
        <h2>{en('display.now')} · {hi('display.now')}</h2>
        <p className="display-now" data-testid="display-now">{now?.token ?? en('display.none')}</p>
      </section>
      <section>
        <h2>{en('display.next')} · {hi('display.next')}</h2>
        <ol className="display-next">
          {(queue?.waiting ?? []).slice(0, NEXT_SHOWN).map((tk) => <li key={tk.id}>{tk.token}</li>)}
        </ol>
      </section>
    </main>
  );
}
