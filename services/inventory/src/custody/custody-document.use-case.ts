import { Inject, Injectable } from '@nestjs/common';
import type { CustodyPeriodRefV1, PdfDocumentV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayReadInventory } from '../access/access-policy.js';
import { custodyForm } from '../documents/custody-document.js';
import { LETTERHEAD, type Letterhead } from '../documents/letterhead.js';
import { renderForm } from '../documents/pdf.js';
import { EquipmentRepository, toView } from '../equipment/equipment.repository.js';
import { AcceptCustodyUseCase, placeOf } from './custody-acceptance.use-case.js';
import { CustodyRepository, periodView } from './custody.repository.js';
import { CustodySettings } from './custody-settings.js';

/** The custody document of one period as a PDF: for staff, and for the person it names; 404 for anyone else. */
@Injectable()
export class CustodyDocumentUseCase {
  constructor(
    @Inject(LETTERHEAD) private readonly letterhead: Letterhead,
    private readonly settings: CustodySettings,
    private readonly equipment: EquipmentRepository,
    private readonly custody: CustodyRepository,
    private readonly texts: AcceptCustodyUseCase,
  ) {}

  async document({ actor, id, periodId }: CustodyPeriodRefV1): Promise<PdfDocumentV1> {
    const stored = await this.equipment.find(id);
    const period = stored ? await this.custody.find(id, periodId) : null;
    const holder = period && period.holder.email.trim().toLowerCase() === actor.email.trim().toLowerCase();
    if (!stored || !period || !(holder || mayReadInventory(actor).allowed)) {
      throw ServiceError.notFound('custody-period', periodId);
    }
    const equipment = toView(stored);
    const view = periodView(period);
    const types = await this.equipment.types();
    const pdf = await renderForm(
      custodyForm({
        equipment,
        typeLabel: types.find((type) => type.code === equipment.type)?.label.es ?? equipment.type,
        location: placeOf(equipment),
        period: view,
        text: view.acceptance?.text ?? (await this.texts.documentText(equipment, view)),
        signature: period.signature,
        timeZone: this.settings.timeZone,
      }),
      this.letterhead,
    );
    const day = view.since.slice(0, 10);
    return { filename: `resguardo-${equipment.inventoryNumber}-${day}.pdf`, base64: pdf.toString('base64') };
  }
}
