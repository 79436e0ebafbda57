import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRecoveryCode, parseRecoveryCode } from '../domain/keys/recoveryCode';
import type { Messages } from '../ui/i18n/en';
import { dotsToMm } from './dots';
import { QrCode } from './QrCode';
import './recoverySheet.css';

export interface RecoverySheetData {
  hospital: string;
  /** The device code, e.g. K7. */
  device: string;
  /** The date it is printed (enrollment), already formatted. */
  date: string;
  /** The recovery code (formatRecoveryCode); printed in its canonical groups whatever the spacing given. */
  code: string;
}

/**
 * One module of the QR code: 15 dots of a 300 dpi office printer (30 at 600 dpi), about 1.27 mm.
 * Version 3 at level Q is 29 modules, 37 with its quiet zone: some 47 mm, which a phone or a
 * desk scanner reads from across a table, and which survives a fold or a coffee ring.
 */
const QR_MODULE_MM = dotsToMm(15, 300);

type SheetKey = keyof Messages['recoverySheet'];

/**
 * The A4 recovery sheet, printed once at enrollment: whoever holds it and the tablet can unwrap
 * the device's data key, so it says so, in English and Hindi, next to the code itself (large
 * monospace groups, for typing back) and the same code as a QR code (for scanning back).
 * Throws when `code` is not a recovery code: a sheet with a wrong code is worse than none.
 */
export function RecoverySheet({ sheet }: { sheet: RecoverySheetData }) {
  const { i18n } = useTranslation();
  const en = i18n.getFixedT('en');
  const hi = i18n.getFixedT('hi');
  const both = (key: SheetKey) => (
    <>
      <span lang="en">{en(`recoverySheet.${key}`)}</span>
      <span className="rcs-sep"> · </span>
      <span lang="hi">{hi(`recoverySheet.${key}`)}</span>
    </>
  );
  const parsed = parseRecoveryCode(sheet.code);
  if (!parsed.ok) throw new Error(`Not a recovery code (${parsed.code})`);
  const code = formatRecoveryCode(parsed.bytes);

  return (
    <article className="recovery-sheet" data-paper="A4">
      <header className="rcs-head">
        <p className="rcs-hospital">{sheet.hospital}</p>
        <h1 className="rcs-title">{both('title')}</h1>
      </header>

      <dl className="rcs-facts">
        <Fact label={both('hospital')}>{sheet.hospital}</Fact>
        <Fact label={both('device')}><span className="rcs-mono">{sheet.device}</span></Fact>
        <Fact label={both('date')}>{sheet.date}</Fact>
      </dl>

      <section className="rcs-code-box">
        <h2 className="rcs-caption">{both('code')}</h2>
        <p className="rcs-code" data-recovery-code>{code}</p>
        <p className="rcs-hint"><span lang="en">{en('recoverySheet.codeHint')}</span> <span lang="hi">{hi('recoverySheet.codeHint')}</span></p>
      </section>

      <figure className="rcs-qr">
        <QrCode value={code} moduleMm={QR_MODULE_MM} level="Q" />
        <figcaption>{both('qr')}</figcaption>
      </figure>

      <ul className="rcs-rules">
        {(['keep', 'danger', 'when'] as const).map((key) => (
          <li key={key}>
            <span lang="en">{en(`recoverySheet.${key}`)}</span>
            <span lang="hi">{hi(`recoverySheet.${key}`)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}

function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
