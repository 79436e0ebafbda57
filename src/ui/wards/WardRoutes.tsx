import { Route, Switch } from 'wouter';
import { AdmissionScreen } from './AdmissionScreen';
import { AdmitScreen } from './AdmitScreen';
import { BedBoardScreen } from './BedBoardScreen';
import { WardList } from './WardList';
import './wards.css';

/** The wards' screens, nested under /wards and loaded on first use. */
export function WardRoutes() {
  return (
    <Switch>
      <Route path="/ward/:code">{(p) => <BedBoardScreen key={p.code} ward={p.code} />}</Route>
      <Route path="/admit/:patient/from/:visit">{(p) => <AdmitScreen key={p.patient} patient={p.patient} visit={p.visit} />}</Route>
      <Route path="/admit/:patient">{(p) => <AdmitScreen key={p.patient} patient={p.patient} />}</Route>
      <Route path="/admission/:id">{(p) => <AdmissionScreen key={p.id} id={p.id} />}</Route>
      <Route><WardList /></Route>
    </Switch>
  );
}
