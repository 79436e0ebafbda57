import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { DeviceIdentity } from '../../device/identity';
import type { Catalogue } from '../../domain/lab/catalogue';
import { PRIORITIES, type Priority } from '../../domain/lab/requisition';
import type { PatientRow } from '../../domain/projections/rows';
import { PatientSummary } from '../desk/PatientSummary';
import { useLive } from '../services';
import { useLiveFront } from '../useCases';
import { useLab, useLiveLab } from '../labUseCases';
import { useSession } from '../session';
import { decodeFieldError, errorText } from '../shared/errors';
import { Field, FieldError, FormError } from '../shared/Field';
import { useDomainForm } from '../shared/useDomainForm';
import { ContainerPreview } from './ContainerPreview';
import { usePrintOnOpen } from './labNotice';
import { LabelPaperSelect } from './LabelPaperSelect';
import { TestPicker } from './TestPicker';
import { Loading } from '../shared/Loading';

interface RequisitionValues {
  tests: string[];
  priority: Priority;
  dept: string;
  clinician: string;
  notes: string;
  location: string;
}

/** Step two: the tests, priority, who ordered them and why; saving prints one label per container. */
export function RequisitionScreen({ patient: id }: { patient: string }) {
  const { t } = useTranslation();
  const patient = useLiveFront((f) => f.patient(id), [id]);
  const identity = useLive((d) => d.identity(), []);
  const catalogue = useLiveLab((l) => l.currentCatalogue(), []);
  const sentBy = useLiveFront((f) => f.departmentToday(id), [id]);
  const location = useLiveLab((l) => l.orderingLocation(id), [id]);
  if (patient === undefined || !identity || !catalogue || sentBy === undefined || location === undefined) return <Loading />;
  if (!patient) return <main className="screen"><p className="form-error" role="alert">{t('errors.patientNotFound')}</p></main>;
  // The department of the patient's token today is who sent them to the lab; else the first one.
  const dept = identity.departments.some((d) => d.code === sentBy) ? sentBy! : identity.departments[0]?.code ?? '';
  return <RequisitionForm patient={patient} identity={identity} catalogue={catalogue} dept={dept} location={location} />;
}

/** The form itself, drawn once the device's departments and the default department are known. */
function RequisitionForm({ patient, identity, catalogue, dept, location }: { patient: PatientRow; identity: DeviceIdentity; catalogue: Catalogue; dept: string; location: string }) {
  const { t, i18n } = useTranslation();
  const lab = useLab();
  const user = useSession((s) => s.user)!;
  const [, navigate] = useLocation();
  const id = patient.patient;
  const earlier = useLiveLab((l) => l.requestsOf(id), [id]);
  const printOnOpen = usePrintOnOpen((s) => s.set);
  const form = useDomainForm<RequisitionValues>({
    defaultValues: { tests: [], priority: 'routine', dept, clinician: '', notes: '', location },
  });
  const { register, watch, setValue, formState: { errors, isSubmitting } } = form;
  const tests = watch('tests');

  const submit = form.submitWith(async (values) => {
    const view = await lab.request(user, { patient: id, ...values });
    printOnOpen(view.request.request);
    navigate(`/request/${view.request.request}`);
  });
  const testsError = decodeFieldError(errors.tests?.message);

  return (
    <main className="screen">
      <h1>{t('lab.requestFor')}</h1>
      <PatientSummary patient={patient} />
      <form onSubmit={submit} noValidate className="requisition">
        <TestPicker catalogue={catalogue} chosen={tests} onSubmitEmpty={() => void submit()}
          onChange={(codes) => setValue('tests', codes)}
          error={testsError ? t(`errors.${testsError.code}`, { defaultValue: t('errors.invalid'), ...testsError.params }) : null} />
        <ContainerPreview catalogue={catalogue} codes={tests} />

        <fieldset className="priority">
          <legend>{t('lab.priority')}</legend>
          {PRIORITIES.map((p) => (
            <label key={p} className={`check priority-${p}`}><input type="radio" value={p} {...register('priority')} /> {t(`lab.priority_${p}`)}</label>
          ))}
          <FieldError message={errors.priority?.message} />
        </fieldset>
        <div className="row">
          <div className="field">
            <label htmlFor="lab-dept">{t('lab.dept')}</label>
            <select id="lab-dept" {...register('dept')}>
              {identity.departments.map((d) => <option key={d.code} value={d.code}>{d.code} · {i18n.language === 'hi' ? d.nameHi : d.name}</option>)}
            </select>
            <FieldError message={errors.dept?.message} />
          </div>
          <Field label={t('lab.clinician')} maxLength={70} autoComplete="off" error={errors.clinician?.message} {...register('clinician')} />
          <Field label={t('lab.location')} maxLength={40} autoComplete="off" error={errors.location?.message} {...register('location')} />
        </div>
        <Field label={t('lab.notes')} maxLength={300} autoComplete="off" error={errors.notes?.message} {...register('notes')} />
        <div className="row"><LabelPaperSelect /></div>
        <FormError text={form.formError ? errorText(form.formError, t) : null} />
        <button type="submit" className="primary" disabled={isSubmitting}>{isSubmitting ? t('lab.saving') : t('lab.submit')}</button>
      </form>

      {earlier?.length ? (
        <>
          <h2>{t('lab.earlier')}</h2>
          <ul>
            {earlier.map((r) => (
              <li key={r.request}><Link href={`/request/${r.request}`}>{r.request}</Link> · {r.tests.join(' ')}</li>
            ))}
          </ul>
        </>
      ) : null}
    </main>
  );
}
