/** What resolution knows of a ticket's field attention (docs/domain.md § Field service): the work done on site and its sign-off. */
export interface FieldAttention {
  lastWorkAt: Date | null;
  signedOffAt: Date | null;
  conforme: boolean | null;
}

/**
 * Why a ticket may not be closed yet for its field attention, or null. A field ticket (a visit recorded or
 * equipment out for repair) needs the user's conformity signed after the last work; without it the
 * supervisor closes only by saying why (`signOffWaivedReason`).
 */
export function signOffProblem(attention: FieldAttention | null, waivedReason: string | undefined): string | null {
  if (!attention?.lastWorkAt || waivedReason?.trim()) return null;
  const { lastWorkAt, signedOffAt, conforme } = attention;
  if (!signedOffAt || signedOffAt < lastWorkAt) {
    return (
      'la atención en campo no tiene la conformidad firmada por el usuario, el jefe del área y el técnico: ' +
      'regístrela en la sección Conformidad del ticket, o indique por qué se cierra sin ella'
    );
  }
  if (conforme === false) {
    return 'el usuario firmó que no está conforme con la atención en campo: resuelva lo pendiente, o indique por qué se cierra igual';
  }
  return null;
}
