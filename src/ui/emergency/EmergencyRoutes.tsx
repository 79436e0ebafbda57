import { Route, Switch } from 'wouter';
import { EmergencyBoard } from './EmergencyBoard';
import { UnknownPatientScreen } from './UnknownPatientScreen';
import { VisitScreen } from './VisitScreen';
import './emergency.css';

/** The emergency department's screens, nested under /emergency and loaded on first use. */
export function EmergencyRoutes() {
  return (
    <Switch>
      <Route path="/new"><UnknownPatientScreen /></Route>
      <Route path="/visit/:id">{(params) => <VisitScreen key={params.id} id={params.id} />}</Route>
      <Route><EmergencyBoard /></Route>
    </Switch>
  );
}
