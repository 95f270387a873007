import { useI18n } from '../i18n.js';
import { BiText, Group, Problems, RemoveItem } from './fields.js';
import { blankBi, type FormValues } from './form-values.js';
import { getIn } from './paths.js';
import { useForm } from './schema-form.js';

/** A list of bilingual items (scope points, obligations) with add and remove. */
function BiList({ path, item, add, min = 1 }: { path: string; item: string; add: string; min?: number }) {
  const form = useForm<FormValues>();
  const { t } = useI18n();
  const items = (getIn(form.values, path) as unknown[]) ?? [];
  return (
    <div class="list">
      {items.map((_, i) => (
        <div class="list-item" key={i}>
          <BiText path={`${path}[${i}]`} label={`${item} ${i + 1}`} multiline />
          {items.length > min && (
            <RemoveItem path={path} index={i}>
              {t('Hapus', 'Remove')} {item.toLowerCase()} {i + 1}
            </RemoveItem>
          )}
        </div>
      ))}
      <button type="button" onClick={() => form.set(path, [...items, blankBi()])}>
        {add}
      </button>
      <Problems path={path} />
    </div>
  );
}

/** Purpose, scope, implementation, rights and obligations (PKS only) and financing. */
export function ContentSection() {
  const { t, bi } = useI18n();
  const form = useForm<FormValues>();
  const v = form.values;
  return (
    <Group title={t('Isi kerja sama', 'Content')}>
      <BiText path="purpose" label={t('Maksud dan tujuan', 'Purpose and objectives')} multiline />
      <fieldset class="plain">
        <legend>{t('Ruang lingkup', 'Scope')}</legend>
        <BiList
          path="scope"
          item={t('Butir', 'Item')}
          add={t('+ Tambah ruang lingkup', '+ Add a scope item')}
        />
      </fieldset>
      <BiText
        path="implementation"
        label={t('Pelaksanaan (opsional)', 'Implementation (optional)')}
        multiline
      />
      {v.documentType === 'PKS' && (
        <fieldset class="plain" data-testid="obligations">
          <legend>{t('Hak dan kewajiban', 'Rights and obligations')}</legend>
          <Problems path="obligations" />
          {v.obligations.map((o, i) => (
            <fieldset class="party" key={o.party}>
              <legend>{bi(v.parties[o.party]?.name) || `${t('Pihak', 'Party')} ${o.party + 1}`}</legend>
              <BiList
                path={`obligations[${i}].items`}
                item={t('Kewajiban', 'Obligation')}
                add={t('+ Tambah kewajiban', '+ Add an obligation')}
              />
            </fieldset>
          ))}
        </fieldset>
      )}
      <BiText
        path="financing"
        label={t(
          'Pembiayaan (opsional; bila kosong: masing-masing pihak menanggung biayanya)',
          'Financing (optional; if empty: each party bears its own costs)',
        )}
        multiline
      />
    </Group>
  );
}
