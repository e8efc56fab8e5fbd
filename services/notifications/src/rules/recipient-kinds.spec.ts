import { Role } from '@cau/contracts';
import { recipientKindsOf } from './recipient-kinds.js';

describe('recipientKindsOf', () => {
  it('reaches a requester only as the requester of their tickets', () => {
    expect(recipientKindsOf(Role.Requester)).toEqual(['requester']);
  });

  it('reaches a referente as requester and as the referente of the jurisdiction', () => {
    expect(recipientKindsOf(Role.Referente)).toEqual(['requester', 'referente']);
  });

  it('reaches staff as any kind but referente', () => {
    expect(recipientKindsOf(Role.Agent)).toEqual([
      'requester',
      'area-mailbox',
      'supervisors',
      'operator',
      'assigned-agent',
    ]);
  });
});
