import { ApiProperty } from '@nestjs/swagger';

export class ProviderLabelResponse {
  @ApiProperty()
  es!: string;

  @ApiProperty()
  en!: string;
}

export class LoginProviderResponse {
  @ApiProperty({ description: 'Va en `/api/v1/auth/oidc/{id}/login`' })
  id!: string;

  @ApiProperty({ type: ProviderLabelResponse, description: 'El texto del botón, por idioma' })
  label!: ProviderLabelResponse;
}

export class LoginOptionsResponse {
  @ApiProperty({ description: 'Si el portal ofrece el ingreso con correo y contraseña (LOCAL_LOGIN)' })
  localLogin!: boolean;

  @ApiProperty({ type: [LoginProviderResponse], description: 'Los proveedores OpenID Connect configurados' })
  providers!: LoginProviderResponse[];

  @ApiProperty({ description: 'Si una persona puede crear su propia cuenta de solicitante (SELF_REGISTRATION)' })
  selfRegistration!: boolean;

  @ApiProperty({
    type: [String],
    description: 'Los dominios de correo que pueden registrarse (SELF_REGISTRATION_DOMAINS); vacío: cualquiera',
  })
  registrationDomains!: string[];
}

export class LogoutResponse {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      'Adónde llevar el navegador para cerrar también la sesión del proveedor (cierre iniciado por el ' +
      'cliente); null si la sesión era con contraseña o el proveedor no lo ofrece',
  })
  redirectTo!: string | null;
}
