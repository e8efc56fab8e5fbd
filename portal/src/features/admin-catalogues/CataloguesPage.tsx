import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVE_COLOR } from '../admin-accounts/admin-accounts-api';
import { ActionModal, Refusal } from '../workspace/actions/action-kit';
import {
  catalogueChanged,
  catalogueQuery,
  emailList,
  saveCategory,
  saveJurisdiction,
  saveService,
  setRetired,
  type Catalogue,
  type CatalogueKind,
  type Category,
  type Jurisdiction,
  type Service,
} from './catalogues-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const JURISDICTION_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Inbound mail registers its tickets with this category: it cannot be retired. */
const INBOUND_MAIL_CATEGORY = 'correo-electronico';

type Editing =
  | { kind: 'category'; entry: Category | null }
  | { kind: 'service'; entry: Service | null }
  | { kind: 'jurisdiction'; entry: Jurisdiction | null };

/** Categories (category → subcategory), services offered and jurisdictions; administrators only. */
export function CataloguesPage() {
  const { t } = useTranslation();
  const catalogue = useQuery(catalogueQuery);
  const [editing, setEditing] = useState<Editing | null>(null);
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Title order={1}>{t('adminCatalogues.title')}</Title>
      <Text size="sm">{t('adminCatalogues.intro')}</Text>
      {catalogue.isPending && <Text role="status">{t('common.loading')}</Text>}
      {catalogue.isError && <Refusal error={catalogue.error} title={t('adminConfig.loadFailed')} />}
      {catalogue.data && (
        <Tabs defaultValue="category">
          <Tabs.List style={{ flexWrap: 'wrap' }}>
            <Tabs.Tab value="category">{t('adminCatalogues.tabs.category')}</Tabs.Tab>
            <Tabs.Tab value="service">{t('adminCatalogues.tabs.service')}</Tabs.Tab>
            <Tabs.Tab value="jurisdiction">{t('adminCatalogues.tabs.jurisdiction')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="category" pt="md">
            <LabelledEntries
              kind="category"
              entries={catalogue.data.categories}
              onEdit={(entry) => setEditing({ kind: 'category', entry })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="service" pt="md">
            <LabelledEntries
              kind="service"
              entries={catalogue.data.services}
              onEdit={(entry) => setEditing({ kind: 'service', entry })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="jurisdiction" pt="md">
            <Jurisdictions catalogue={catalogue.data} onEdit={(entry) => setEditing({ kind: 'jurisdiction', entry })} />
          </Tabs.Panel>
        </Tabs>
      )}
      {editing && catalogue.data && (
        <EntryForm editing={editing} catalogue={catalogue.data} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function Section({
  kind,
  count,
  onAdd,
  head,
  children,
}: {
  kind: CatalogueKind;
  count: number;
  onAdd: () => void;
  head: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`catalogue-${kind}-title`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id={`catalogue-${kind}-title`}>
            {t(`adminCatalogues.${kind}.title`)}
          </Title>
          <Button variant="light" onClick={onAdd}>
            {t(`adminCatalogues.${kind}.add`)}
          </Button>
        </Group>
        <Text size="sm">{t(`adminCatalogues.${kind}.intro`)}</Text>
        {count === 0 ? (
          <Text size="sm">{t('adminCatalogues.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>{head}</Table.Thead>
              <Table.Tbody>{children}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function StatusBadge({ retired }: { retired: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant={retired ? 'outline' : 'filled'}
      color={retired ? 'dark' : ACTIVE_COLOR}
      size="sm"
      // The column is as wide as the whole word: never "RETIRA…".
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {t(retired ? 'adminCatalogues.retired' : 'adminCatalogues.active')}
    </Badge>
  );
}

function RowActions({
  kind,
  code,
  retired,
  onEdit,
}: {
  kind: CatalogueKind;
  code: string;
  retired: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: async (): Promise<unknown> => setRetired(kind, code, !retired),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t(retired ? 'adminCatalogues.restored' : 'adminCatalogues.retiredNotice', { code }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await catalogueChanged(queryClient);
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        message: error.message,
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
    },
  });
  const fixed = kind === 'category' && code === INBOUND_MAIL_CATEGORY;
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="light" onClick={onEdit} aria-label={t('adminCatalogues.editNamed', { code })}>
        {t('adminCatalogues.edit')}
      </Button>
      {!fixed && (
        <Button
          size="xs"
          variant="subtle"
          color={retired ? 'cau' : 'red'}
          loading={toggle.isPending}
          onClick={() => toggle.mutate()}
          aria-label={t(retired ? 'adminCatalogues.restoreNamed' : 'adminCatalogues.retireNamed', { code })}
        >
          {t(retired ? 'adminCatalogues.restore' : 'adminCatalogues.retire')}
        </Button>
      )}
    </Group>
  );
}

/** Categories and services alike: a code (a subcategory under its parent) with its words in both languages. */
function LabelledEntries<E extends Category | Service>({
  kind,
  entries,
  onEdit,
}: {
  kind: 'category' | 'service';
  entries: readonly E[];
  onEdit: (entry: E | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Section
      kind={kind}
      count={entries.length}
      onAdd={() => onEdit(null)}
      head={
        <Table.Tr>
          <Table.Th scope="col">{t('adminCatalogues.code')}</Table.Th>
          <Table.Th scope="col">{t('adminCatalogues.labelEs')}</Table.Th>
          <Table.Th scope="col">{t('adminCatalogues.labelEn')}</Table.Th>
          <Table.Th scope="col">{t('adminCatalogues.status')}</Table.Th>
          <Table.Th scope="col">{t('adminConfig.actions')}</Table.Th>
        </Table.Tr>
      }
    >
      {entries.map((entry) => {
        const parent = 'parent' in entry ? entry.parent : null;
        return (
          <Table.Tr key={entry.code} data-catalogue-row={entry.code}>
            <Table.Td>
              <Text size="sm" fw={700} pl={parent ? 'md' : 0}>
                {parent ? `↳ ${entry.code}` : entry.code}
              </Text>
              {parent && <Text size="xs">{t('adminCatalogues.category.subcategoryOf', { parent })}</Text>}
            </Table.Td>
            <Table.Td>{entry.label.es}</Table.Td>
            <Table.Td>{entry.label.en}</Table.Td>
            <Table.Td>
              <StatusBadge retired={entry.retired} />
            </Table.Td>
            <Table.Td>
              <RowActions kind={kind} code={entry.code} retired={entry.retired} onEdit={() => onEdit(entry)} />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </Section>
  );
}

function Jurisdictions({ catalogue, onEdit }: { catalogue: Catalogue; onEdit: (entry: Jurisdiction | null) => void }) {
  const { t } = useTranslation();
  const open = !catalogue.jurisdictions.some((jurisdiction) => jurisdiction.listed);
  return (
    <Section
      kind="jurisdiction"
      count={catalogue.jurisdictions.length}
      onAdd={() => onEdit(null)}
      head={
        <Table.Tr>
          <Table.Th scope="col">{t('adminCatalogues.code')}</Table.Th>
          <Table.Th scope="col">{t('adminCatalogues.jurisdiction.name')}</Table.Th>
          <Table.Th scope="col">{t('adminCatalogues.jurisdiction.referentes')}</Table.Th>
          <Table.Th scope="col">{t('adminCatalogues.jurisdiction.supervisors')}</Table.Th>
          <Table.Th scope="col">{t('adminCatalogues.status')}</Table.Th>
          <Table.Th scope="col">{t('adminConfig.actions')}</Table.Th>
        </Table.Tr>
      }
    >
      {open && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <Text size="sm">{t('adminCatalogues.jurisdiction.open')}</Text>
          </Table.Td>
        </Table.Tr>
      )}
      {catalogue.jurisdictions.map((jurisdiction) => (
        <Table.Tr key={jurisdiction.code} data-catalogue-row={jurisdiction.code}>
          <Table.Td>
            <Text size="sm" fw={700}>
              {jurisdiction.code}
            </Text>
          </Table.Td>
          <Table.Td>{jurisdiction.name}</Table.Td>
          <Table.Td style={{ wordBreak: 'break-word' }}>{jurisdiction.referenteEmails.join(', ') || '—'}</Table.Td>
          <Table.Td style={{ wordBreak: 'break-word' }}>{jurisdiction.supervisorEmails.join(', ') || '—'}</Table.Td>
          <Table.Td>
            <Group gap={4}>
              <StatusBadge retired={jurisdiction.retired} />
              {!jurisdiction.listed && (
                <Badge variant="outline" color="dark" size="sm">
                  {t('adminCatalogues.jurisdiction.unlisted')}
                </Badge>
              )}
            </Group>
          </Table.Td>
          <Table.Td>
            <RowActions
              kind="jurisdiction"
              code={jurisdiction.code}
              retired={jurisdiction.retired}
              onEdit={() => onEdit(jurisdiction)}
            />
          </Table.Td>
        </Table.Tr>
      ))}
    </Section>
  );
}

/** Adds an entry or changes one (its code stays: a new code is a new entry, and the old one is retired). */
function EntryForm({ editing, catalogue, onClose }: { editing: Editing; catalogue: Catalogue; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { kind, entry } = editing;
  const [code, setCode] = useState(entry?.code ?? '');
  const [es, setEs] = useState(kind !== 'jurisdiction' && entry ? entry.label.es : '');
  const [en, setEn] = useState(kind !== 'jurisdiction' && entry ? entry.label.en : '');
  const [parent, setParent] = useState(kind === 'category' && entry ? (entry.parent ?? '') : '');
  const jurisdiction = kind === 'jurisdiction' ? entry : null;
  const [name, setName] = useState(jurisdiction?.name ?? '');
  const [referentes, setReferentes] = useState(jurisdiction?.referenteEmails.join(', ') ?? '');
  const [supervisors, setSupervisors] = useState(jurisdiction?.supervisorEmails.join(', ') ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: async (): Promise<unknown> => {
      const trimmedCode = code.trim();
      if (kind === 'category') return saveCategory(trimmedCode, { es: es.trim(), en: en.trim() }, parent || null);
      if (kind === 'service') return saveService(trimmedCode, { label: { es: es.trim(), en: en.trim() } });
      return saveJurisdiction(trimmedCode, {
        name: name.trim(),
        referenteEmails: emailList(referentes),
        supervisorEmails: emailList(supervisors),
      });
    },
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('adminCatalogues.saved', { code: code.trim() }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await catalogueChanged(queryClient);
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const pattern = kind === 'jurisdiction' ? JURISDICTION_CODE : CODE;
    if (!pattern.test(code.trim())) found.code = t(`adminCatalogues.${kind}.codeInvalid`);
    if (kind === 'jurisdiction') {
      if (name.trim() === '') found.name = t('validation.required');
    } else {
      if (es.trim() === '') found.es = t('validation.required');
      if (en.trim() === '') found.en = t('validation.required');
    }
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  };

  const parents = catalogue.categories.filter(
    (category) => category.parent === null && !category.retired && category.code !== entry?.code,
  );
  const title = entry
    ? t(`adminCatalogues.${kind}.editTitle`, { code: entry.code })
    : t(`adminCatalogues.${kind}.addTitle`);

  return (
    <ActionModal opened onClose={onClose} title={title} size="md">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="sm">
          <TextInput
            label={t('adminCatalogues.code')}
            description={entry ? t('adminCatalogues.codeFixed') : t(`adminCatalogues.${kind}.codeHint`)}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={errors.code}
            readOnly={entry !== null}
            required
            data-autofocus={entry ? undefined : true}
          />
          {kind === 'jurisdiction' ? (
            <>
              <TextInput
                label={t('adminCatalogues.jurisdiction.name')}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={errors.name}
                required
                data-autofocus={entry ? true : undefined}
              />
              <GrowingTextarea
                label={t('adminCatalogues.jurisdiction.referentes')}
                description={t('adminCatalogues.jurisdiction.emailsHint')}
                value={referentes}
                onChange={(event) => setReferentes(event.currentTarget.value)}
                minRows={2}
              />
              <GrowingTextarea
                label={t('adminCatalogues.jurisdiction.supervisors')}
                description={t('adminCatalogues.jurisdiction.emailsHint')}
                value={supervisors}
                onChange={(event) => setSupervisors(event.currentTarget.value)}
                minRows={2}
              />
            </>
          ) : (
            <>
              <TextInput
                label={t('adminCatalogues.labelEs')}
                value={es}
                onChange={(event) => setEs(event.currentTarget.value)}
                error={errors.es}
                required
                data-autofocus={entry ? true : undefined}
              />
              <TextInput
                label={t('adminCatalogues.labelEn')}
                value={en}
                onChange={(event) => setEn(event.currentTarget.value)}
                error={errors.en}
                required
              />
            </>
          )}
          {kind === 'category' && (
            <NativeSelect
              label={t('adminCatalogues.category.parent')}
              description={t('adminCatalogues.category.parentHint')}
              value={parent}
              onChange={(event) => setParent(event.currentTarget.value)}
              data={[
                { value: '', label: t('adminCatalogues.category.noParent') },
                ...parents.map((category) => ({
                  value: category.code,
                  label: `${category.label.es} (${category.code})`,
                })),
              ]}
            />
          )}
          {kind === 'jurisdiction' && <ClosingCatalogueNotice catalogue={catalogue} saving={code.trim()} />}
          <Refusal error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('adminCatalogues.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  );
}

/** Codes named in the notice; a large installation's others are counted. */
const NAMED_CODES = 12;

/**
 * While no jurisdiction is confirmed, registration takes any code; the first one saved closes the catalogue to
 * every other. Said before saving, with the codes that will stop being accepted.
 */
function ClosingCatalogueNotice({ catalogue, saving }: { catalogue: Catalogue; saving: string }) {
  const { t } = useTranslation();
  if (catalogue.jurisdictions.some((jurisdiction) => jurisdiction.listed)) return null;
  const others = catalogue.jurisdictions.filter(
    (jurisdiction) => jurisdiction.code !== saving && !jurisdiction.retired,
  );
  const named = others.slice(0, NAMED_CODES).map((jurisdiction) => jurisdiction.code);
  const codes =
    others.length > NAMED_CODES
      ? t('adminCatalogues.jurisdiction.andMore', { codes: named.join(', '), count: others.length - NAMED_CODES })
      : named.join(', ');
  return (
    <Alert color="orange" variant="light" role="note">
      <Text size="sm">{t('adminCatalogues.jurisdiction.closesCatalogue')}</Text>
      {others.length > 0 && (
        <Text size="sm" mt={4}>
          {t('adminCatalogues.jurisdiction.closesCatalogueUnlisted', { count: others.length, codes })}
        </Text>
      )}
    </Alert>
  );
}
