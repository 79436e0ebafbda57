import { useTranslation } from 'react-i18next';
import { useLive } from '../services';
import { useLiveQueue } from './queueUseCases';

/**
 * The waiting-room screen: large type, read-only, readable from the back of the hall. Every token
 * called and not yet closed stays up with its room; names never reach this screen (board()).
 */
export function DisplayScreen({ dept }: { dept: string }) {
  const { i18n } = useTranslation();
  const en = i18n.getFixedT('en');
  const hi = i18n.getFixedT('hi');
  const both = (key: string) => `${en(key)} · ${hi(key)}`;
  const identity = useLive((d) => d.identity(), []);
  const board = useLiveQueue((q) => q.board(dept), [dept]);
  const d = identity?.departments.find((x) => x.code === dept);
  const called = board?.called ?? [];
  return (
    <main className="display">
      <h1>{d ? `${d.name} · ${d.nameHi}` : dept}</h1>
      <section>
        <h2>{both('display.now')}</h2>
        {called.length === 0 ? <p className="display-none" data-testid="display-none">{en('display.none')}</p> : (
          <ul className="display-called">
            {called.map((c) => (
              <li key={c.token} data-testid="display-called">
                <span className="display-token">{c.token}</span>
                {c.room ? <span className="display-room">{en('display.room', { room: c.room })} · {hi('display.room', { room: c.room })}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{both('display.next')}</h2>
        <ol className="display-next">
          {(board?.next ?? []).map((token) => <li key={token}>{token}</li>)}
        </ol>
      </section>
    </main>
  );
}
