import { deflateSync } from 'node:zlib';
import { PDFArray, type PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { sha256 } from '../hash.js';
import type { DocumentModel } from './model.js';
import { SRGB_DESCRIPTION, srgbProfile } from './srgb.js';

/**
 * What makes the rendered PDF a PDF/A-3b archive copy (ISO 19005-3): XMP metadata identifying the part
 * and conformance with the agreement's title, parties, number, languages and template version; an sRGB
 * output intent; a file identifier; and the agreement's data as an associated JSON file (AFRelationship
 * Data), readable by machines as an e-invoice's XML is.
 */

export const PRODUCER = 'Kerja Sama drafting (pdf-lib)';
/** The namespace of the agreement's own XMP properties, described in the packet as PDF/A requires. */
export const XMP_NAMESPACE = 'urn:kerja-sama:agreement:1';
export const ATTACHMENT_NAME = 'agreement.json';

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const alt = (values: { lang: string; text: string }[]) =>
  `<rdf:Alt>${values.map((v) => `<rdf:li xml:lang="${v.lang}">${xml(v.text)}</rdf:li>`).join('')}</rdf:Alt>`;

const list = (kind: 'Seq' | 'Bag', values: string[]) =>
  `<rdf:${kind}>${values.map((v) => `<rdf:li>${xml(v)}</rdf:li>`).join('')}</rdf:${kind}>`;

const PROPERTIES: [name: string, type: string, description: string][] = [
  ['documentNumber', 'Text', 'The number printed in every page footer'],
  ['parties', 'Seq Text', 'The parties, in the order the agreement names them'],
  ['templateId', 'Text', 'The template the agreement was composed from'],
  ['templateVersion', 'Integer', 'The version of that template'],
  ['languages', 'Bag Text', 'The languages of the text (BCP 47)'],
];

/** PDF/A requires every property outside the predefined schemas to be described in the packet itself. */
const extensionSchema = () =>
  '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" ' +
  'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">' +
  '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">' +
  '<pdfaSchema:schema>Kerja Sama cooperation agreement</pdfaSchema:schema>' +
  `<pdfaSchema:namespaceURI>${XMP_NAMESPACE}</pdfaSchema:namespaceURI>` +
  '<pdfaSchema:prefix>ks</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>' +
  PROPERTIES.map(
    ([name, type, description]) =>
      '<rdf:li rdf:parseType="Resource">' +
      `<pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${type}</pdfaProperty:valueType>` +
      `<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description>` +
      '</rdf:li>',
  ).join('') +
  '</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>';

interface Described {
  title: { lang: string; text: string }[];
  subject: string;
  keywords: string;
  parties: string[];
}

function describe(doc: DocumentModel): Described {
  const parties = (doc.parties ?? []).map((p) => p.name.id);
  return {
    title: [
      { lang: 'x-default', text: doc.title },
      { lang: 'id', text: doc.title },
    ],
    subject: `${doc.title}. Nomor ${doc.documentNumber}${parties.length ? `. Para pihak: ${parties.join('; ')}` : ''}`,
    keywords: ['kerja sama daerah', doc.templateId, doc.documentNumber, ...parties].join('; '),
    parties,
  };
}

export function xmpPacket(doc: DocumentModel, d: Described = describe(doc)): string {
  const created = doc.issuedAt
    ? `<xmp:CreateDate>${doc.issuedAt}</xmp:CreateDate><xmp:ModifyDate>${doc.issuedAt}</xmp:ModifyDate>` +
      `<xmp:MetadataDate>${doc.issuedAt}</xmp:MetadataDate>`
    : '';
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">' +
    '<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:format>application/pdf</dc:format><dc:title>${alt(d.title)}</dc:title>` +
    `<dc:creator>${list('Seq', d.parties.length ? d.parties : [PRODUCER])}</dc:creator>` +
    `<dc:description>${alt([{ lang: 'x-default', text: d.subject }])}</dc:description>` +
    `<dc:language>${list('Bag', [...doc.languages])}</dc:language>` +
    `<dc:identifier>${xml(doc.documentNumber)}</dc:identifier></rdf:Description>` +
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">' +
    `<pdf:Producer>${PRODUCER}</pdf:Producer><pdf:Keywords>${xml(d.keywords)}</pdf:Keywords></rdf:Description>` +
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">' +
    `<xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool>${created}</rdf:Description>` +
    `<rdf:Description rdf:about="" xmlns:ks="${XMP_NAMESPACE}">` +
    `<ks:documentNumber>${xml(doc.documentNumber)}</ks:documentNumber>` +
    `<ks:parties>${list('Seq', d.parties)}</ks:parties>` +
    `<ks:templateId>${xml(doc.templateId)}</ks:templateId>` +
    `<ks:templateVersion>${doc.templateVersion}</ks:templateVersion>` +
    `<ks:languages>${list('Bag', [...doc.languages])}</ks:languages></rdf:Description>` +
    `${extensionSchema()}</rdf:RDF></x:xmpmeta>\n` +
    // Padding lets a later editor grow the packet in place, as the XMP specification recommends.
    `${' '.repeat(99)}\n`.repeat(20) +
    '<?xpacket end="w"?>'
  );
}

/** The agreement's data as one JSON file: the form as drafted and the document model as rendered. */
export function agreementJson(doc: DocumentModel, form: unknown): Uint8Array {
  const document = {
    ...doc,
    // The emblem images are in the page itself; the data names them by digest.
    emblems: doc.emblems?.map((e) => ({
      party: e.party,
      alt: e.alt,
      contentType: e.image.contentType,
      sha256: sha256(e.image.bytes),
    })),
  };
  const data = { format: 'kerja-sama/agreement', version: 1, form, document };
  return new TextEncoder().encode(JSON.stringify(data));
}

/** Node's zlib at a fast level: pdf-lib's own deflate is several times slower. */
export const deflate = (bytes: string | Uint8Array): Buffer => deflateSync(bytes, { level: 4 });

let profileData: Buffer | undefined;

/**
 * The associated file: an embedded file stream with its MIME type and dates, a file specification with
 * AFRelationship /Data, listed in the catalog's /AF and in the embedded files name tree.
 */
function attach(pdf: PDFDocument, json: Uint8Array, date: Date | undefined) {
  const context = pdf.context;
  const dates = date ? { CreationDate: PDFString.fromDate(date), ModDate: PDFString.fromDate(date) } : {};
  const file = context.register(
    context.stream(deflate(json), {
      Type: 'EmbeddedFile',
      Subtype: 'application/json',
      Filter: 'FlateDecode',
      Params: { Size: json.length, ...dates },
    }),
  );
  const spec = context.register(
    context.obj({
      Type: 'Filespec',
      F: PDFString.of(ATTACHMENT_NAME),
      UF: PDFHexString.fromText(ATTACHMENT_NAME),
      EF: { F: file },
      Desc: PDFHexString.fromText('Formulir dan model dokumen / The form and the document model'),
      AFRelationship: 'Data',
    }),
  );
  pdf.catalog.set(PDFName.of('AF'), context.obj([spec]));
  pdf.catalog.set(
    PDFName.of('Names'),
    context.obj({ EmbeddedFiles: { Names: [PDFHexString.fromText(ATTACHMENT_NAME), spec] } }),
  );
}

/** Turns the PDF being written into PDF/A-3b: call last, once every page is drawn. */
export function makePdfA(pdf: PDFDocument, doc: DocumentModel, form: unknown) {
  const d = describe(doc);
  const context = pdf.context;
  const metadata = context.stream(new TextEncoder().encode(xmpPacket(doc, d)), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  pdf.catalog.set(PDFName.of('Metadata'), context.register(metadata));
  profileData ??= deflate(srgbProfile());
  const profile = context.register(context.stream(profileData, { N: 3, Filter: 'FlateDecode' }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB_DESCRIPTION),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of(SRGB_DESCRIPTION),
    DestOutputProfile: profile,
  });
  pdf.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
  pdf.catalog.set(PDFName.of('ViewerPreferences'), context.obj({ DisplayDocTitle: true }));

  const date = doc.issuedAt ? new Date(doc.issuedAt) : undefined;
  pdf.setTitle(doc.title);
  pdf.setSubject(d.subject);
  pdf.setKeywords([d.keywords]);
  pdf.setCreator(PRODUCER);
  pdf.setProducer(PRODUCER);
  if (date) {
    pdf.setCreationDate(date);
    pdf.setModificationDate(date);
  }
  const json = agreementJson(doc, form);
  attach(pdf, json, date);
  // PDF/A requires a file identifier; the digest of the data makes it the same for the same document.
  const id = PDFHexString.of(sha256(json).slice(0, 32));
  context.trailerInfo.ID = PDFArray.withContext(context);
  (context.trailerInfo.ID as PDFArray).push(id);
  (context.trailerInfo.ID as PDFArray).push(id);
}
