import { IsUUID } from 'class-validator';

export class ArticleIdParams {
  @IsUUID()
  id!: string;
}
