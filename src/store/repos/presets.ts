/** Presets: the dose a person repeats, logged with `titrate log dose --preset NAME`. */
import { TitrateError } from "../../core/errors.ts";
import type { Database, Db } from "../database.ts";
import { newId } from "../ids.ts";

export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly substance: string;
  /** In `unit`; null when the preset is given as a volume or sprays of a batch. */
  readonly amount: number | null;
  readonly unit: string;
  readonly route: string;
  readonly batchId: string | null;
  readonly volumeMl: number | null;
  readonly sprays: number | null;
}
export type PresetInput = Omit<Preset, "id">;

type Row = Database["presets"];
/** A stored preset (without its creation time, which only an export carries). */
export const toPreset = (r: Row): Preset => ({
  id: r.id,
  name: r.name,
  substance: r.substance,
  amount: r.amount,
  unit: r.unit,
  route: r.route,
  batchId: r.batch_id,
  volumeMl: r.volume_ml,
  sprays: r.sprays,
});

export async function listPresets(db: Db, userId: string): Promise<Preset[]> {
  const rows = await db
    .selectFrom("presets")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("name")
    .execute();
  return rows.map(toPreset);
}

export async function getPreset(db: Db, userId: string, name: string): Promise<Preset> {
  const presets = await listPresets(db, userId);
  const preset = presets.find(
    (p) => p.id === name || p.name.toLowerCase() === name.trim().toLowerCase(),
  );
  if (!preset) {
    throw new TitrateError(
      "NOT_FOUND",
      `preset: no preset "${name}"; add one with \`titrate preset add\``,
      "preset",
    );
  }
  return preset;
}

export async function addPreset(
  db: Db,
  userId: string,
  input: PresetInput,
  createdAt: string,
): Promise<Preset> {
  if (
    (await listPresets(db, userId)).some((p) => p.name.toLowerCase() === input.name.toLowerCase())
  ) {
    throw new TitrateError(
      "LABEL_TAKEN",
      `name: you already have a preset called "${input.name}"`,
      "name",
    );
  }
  const row: Row = {
    id: newId("presets"),
    user_id: userId,
    name: input.name,
    substance: input.substance,
    amount: input.amount,
    unit: input.unit,
    route: input.route,
    batch_id: input.batchId,
    volume_ml: input.volumeMl,
    sprays: input.sprays,
    created_at: createdAt,
  };
  await db.insertInto("presets").values(row).execute();
  return toPreset(row);
}

export async function deletePreset(db: Db, userId: string, name: string): Promise<Preset> {
  const preset = await getPreset(db, userId, name);
  await db
    .deleteFrom("presets")
    .where("user_id", "=", userId)
    .where("id", "=", preset.id)
    .execute();
  return preset;
}
