import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import type { DeviceIdentity } from '../../device/identity';

export function HomeScreen({ user, identity }: { user: SessionUser; identity: DeviceIdentity }) {
  const { t, i18n } = useTranslation();
  return (
    <main className="screen">
      <h1>{t('home.welcome', { name: user.name })}</h1>
      <p>{t('home.device', { code: identity.code, hospital: identity.hospital })}</p>
      <p>{t(`home.${user.role}Next`)}</p>
      <h2>{t('home.departments')}</h2>
      <ul className="dept-list">
        {identity.departments.map((d) => (
          <li key={d.code}><strong>{d.code}</strong> {i18n.language === 'hi' ? d.nameHi : d.name}</li>
        ))}
      </ul>
    </main>
  );
}
