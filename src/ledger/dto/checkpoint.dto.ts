import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';
import { checkpointFormat } from '../../../libs/ledger';

/** A checkpoint document as GET /ledger/checkpoints/latest gave it, saved and sent back to be checked. */
export class CheckpointDto {
  @ApiProperty({ example: checkpointFormat })
  @IsIn([checkpointFormat])
  format: typeof checkpointFormat;

  @ApiProperty({ example: 1204 })
  @IsInt()
  @Min(0)
  treeSize: number;

  @ApiProperty({ example: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex characters' })
  rootHash: string;

  @ApiProperty({ example: '2026-11-23T20:00:00.000Z' })
  @IsString()
  @MaxLength(40)
  createdAt: string;

  @ApiProperty({ example: '3f2a9c0d1e4b5a67' })
  @IsString()
  @MaxLength(64)
  keyId: string;

  @ApiProperty({ description: 'Ed25519 signature, base64' })
  @IsString()
  @MaxLength(200)
  signature: string;
}
