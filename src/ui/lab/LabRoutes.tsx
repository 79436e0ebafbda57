import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { canOpen } from '../../domain/users';
import { useLab } from '../labUseCases';
import { useSession } from '../session';
import { CatalogueScreen } from './CatalogueScreen';
import { NewRequestScreen } from './NewRequestScreen';
import { RequestScreen } from './RequestScreen';
import { RequisitionScreen } from './RequisitionScreen';
import { ScanBox, type ScanState } from './ScanBox';
import { SpecimenScreen } from './SpecimenScreen';
import { useScanner } from './useScanner';
import { WorklistScreen } from './WorklistScreen';
import './lab.css';

/**
 * The lab's screens, nested under /lab and loaded on first use. The scan box and the scanner
 * listener live here, above every lab screen, so a scan opens its specimen wherever it happens.
 */
export function LabRoutes() {
  const { t } = useTranslation();
  const lab = useLab();
  const user = useSession((s) => s.user)!;
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const [scan, setScan] = useState<ScanState>({ kind: 'idle' });

  const open = useCallback(async (value: string) => {
    const found = await lab.lookup(value);
    setText(found.kind === 'found' ? '' : value.trim());
    if (found.kind === 'found') {
      setScan({ kind: 'idle' });
      navigate(`/specimen/${found.specimen.specimen}`);
    } else if (found.kind === 'badId' || found.kind === 'notFound') {
      setScan(found.kind === 'badId' ? { kind: 'badId', reason: found.reason } : { kind: 'notFound', id: found.id });
    }
  }, [lab, navigate]);
  useScanner((value) => void open(value));

  return (
    <div className="lab">
      <nav className="subtabs" aria-label={t('lab.title')}>
        <Link href="/">{t('lab.worklist')}</Link>
        <Link href="/new">{t('lab.newRequest')}</Link>
        {canOpen(user.role, 'labCatalogue') ? <Link href="/catalogue">{t('lab.catalogue')}</Link> : null}
      </nav>
      <ScanBox value={text} onChange={(v) => { setText(v); setScan({ kind: 'idle' }); }} onSubmit={(v) => void open(v)} state={scan} />
      <Switch>
        <Route path="/"><WorklistScreen /></Route>
        <Route path="/new"><NewRequestScreen /></Route>
        <Route path="/new/:patient">{(p) => <RequisitionScreen key={p.patient} patient={p.patient} />}</Route>
        <Route path="/request/:id">{(p) => <RequestScreen key={p.id} id={p.id} />}</Route>
        <Route path="/specimen/:id">{(p) => <SpecimenScreen key={p.id} id={p.id} />}</Route>
        {canOpen(user.role, 'labCatalogue') ? <Route path="/catalogue"><CatalogueScreen actor={user} /></Route> : null}
        <Route><Redirect to="/" /></Route>
      </Switch>
    </div>
  );
}
