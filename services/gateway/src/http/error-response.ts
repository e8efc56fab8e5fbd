import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { ErrorCode } from '@cau/contracts';

export class FieldError {
  @ApiProperty({ description: 'Ruta del campo en el cuerpo, la consulta o la cabecera', example: 'requester.email' })
  field!: string;

  @ApiProperty({ example: 'El campo «requester.email» es obligatorio.' })
  message!: string;
}

/** The body of every error answer. */
export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ enum: Object.values(ErrorCode), example: ErrorCode.Validation })
  code!: ErrorCode;

  @ApiProperty({ description: 'En el idioma de Accept-Language (es por defecto, en)' })
  message!: string;

  @ApiPropertyOptional({ type: [FieldError] })
  fields?: FieldError[];

  @ApiProperty({ description: 'También en la cabecera x-correlation-id', example: 'b7c1e1f0-…' })
  correlationId!: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Datos no válidos (VALIDATION, con `fields`), JSON mal formado (MALFORMED_JSON) o enlace de encuesta no válido (SURVEY_LINK_INVALID)',
  401: 'Falta el token o la sesión, no es válido o venció (UNAUTHORIZED); en `/auth/token` y `/auth/session`, credenciales incorrectas o cuenta deshabilitada (INVALID_CREDENTIALS)',
  403: 'El rol de la cuenta no permite la operación (FORBIDDEN); con la cookie de sesión, falta `X-CAU-Requested-With: portal` o el origen no es el del portal (CSRF_REFUSED)',
  404: 'No existe (NOT_FOUND)',
  409: 'Ya existe, o el estado del recurso no admite la operación (CONFLICT)',
  410: 'El enlace de la encuesta venció (SURVEY_LINK_EXPIRED)',
  413: 'El cuerpo supera 256 KiB (PAYLOAD_TOO_LARGE)',
  415: 'El cuerpo no es application/json (UNSUPPORTED_MEDIA_TYPE)',
  422: 'La clave de idempotencia ya se usó con otros datos (IDEMPOTENCY_MISMATCH)',
  429: 'Demasiados intentos de inicio de sesión para ese correo desde esta dirección (TOO_MANY_ATTEMPTS); ver `Retry-After`',
  503: 'El servicio que atiende la operación no respondió a tiempo (SERVICE_UNAVAILABLE)',
};

/** Documents the error answers an endpoint can give. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponse })),
  );
}
