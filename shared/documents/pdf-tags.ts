import {
  PDFArray,
  type PDFContext,
  type PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';

/**
 * The logical structure of a tagged PDF (ISO 32000-1, 14.7–14.8): structure elements in reading order,
 * each pointing at the marked-content sequences (MCIDs) that draw it, a language on every element, and
 * the parent tree that leads from a page's MCIDs back to their elements.
 */
export interface Element {
  readonly ref: PDFRef;
  readonly dict: PDFDict;
  readonly kids: PDFArray;
  /** The page of the element's first content, its /Pg; content elsewhere is referenced with an MCR. */
  page?: number;
}

export class StructureTree {
  readonly root: Element;
  /** The elements of each page's MCIDs, in MCID order: the parent tree. */
  private readonly marks: PDFRef[][] = [];

  constructor(
    private readonly context: PDFContext,
    private readonly pages: PDFPage[],
    lang: string,
  ) {
    this.root = this.create('Document', undefined, lang);
  }

  private create(type: string, parent: Element | undefined, lang?: string): Element {
    const kids = PDFArray.withContext(this.context);
    const dict = this.context.obj({ Type: 'StructElem', S: type, K: kids });
    if (lang) dict.set(PDFName.of('Lang'), PDFHexString.fromText(lang));
    const ref = this.context.register(dict);
    if (parent) {
      dict.set(PDFName.of('P'), parent.ref);
      parent.kids.push(ref);
    }
    return { ref, dict, kids };
  }

  /** A new element, the last child of `parent`. */
  element(type: string, parent: Element, lang?: string): Element {
    return this.create(type, parent, lang);
  }

  /** Sets an attribute that pdf.js and screen readers show for the element (Alt, ActualText). */
  text(element: Element, key: 'Alt' | 'ActualText', value: string) {
    element.dict.set(PDFName.of(key), PDFHexString.fromText(value));
  }

  /** The layout bounding box of a figure (PDF/UA asks it of every Figure). */
  box(element: Element, box: [number, number, number, number]) {
    element.dict.set(
      PDFName.of('A'),
      this.context.obj({ O: 'Layout', BBox: box.map((n) => Number(n.toFixed(2))) }),
    );
  }

  /** Allocates the next MCID on `page` for content of `element`, recorded in reading order. */
  mark(element: Element, page: number): number {
    const marks = this.marks[page] ?? [];
    this.marks[page] = marks;
    const mcid = marks.length;
    marks.push(element.ref);
    const pageRef = (this.pages[page] as PDFPage).ref;
    if (element.page === undefined) {
      element.page = page;
      element.dict.set(PDFName.of('Pg'), pageRef);
    }
    element.kids.push(
      element.page === page ? PDFNumber.of(mcid) : this.context.obj({ Type: 'MCR', Pg: pageRef, MCID: mcid }),
    );
    return mcid;
  }

  /** Writes the structure tree root, the parent tree and each page's /StructParents into the catalog. */
  finish(catalog: PDFDict) {
    const nums = PDFArray.withContext(this.context);
    this.pages.forEach((page, i) => {
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(i));
      // Tab order follows the structure (PDF/UA; harmless elsewhere).
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
      nums.push(PDFNumber.of(i));
      nums.push(this.context.obj(this.marks[i] ?? []));
    });
    const parentTree = this.context.register(this.context.obj({ Nums: nums }));
    const rootRef = this.context.register(
      this.context.obj({
        Type: 'StructTreeRoot',
        K: this.root.ref,
        ParentTree: parentTree,
        ParentTreeNextKey: this.pages.length,
      }),
    );
    this.root.dict.set(PDFName.of('P'), rootRef);
    catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    catalog.set(PDFName.of('MarkInfo'), this.context.obj({ Marked: true }));
  }
}
