import { runtimes, type Runtime, type RuntimeType } from '../api/runtimes';

/** What the notebook runs on, as the header and the runtime panel show it. */
export interface RuntimeInfo {
  runtime: Runtime | null;
  type: RuntimeType | null;
}

/**
 * The runtime behind the notebook's kernel: Jotter's record of it (`/api/jotter/runtimes`, by kernel
 * id) and its type. Asked again whenever the kernel changes; the types are asked once.
 */
export class CurrentRuntime {
  private types: Promise<RuntimeType[]> | null = null;
  info: RuntimeInfo = { runtime: null, type: null };
  onChange: ((info: RuntimeInfo) => void) | null = null;

  async refresh(kernelId: string | null): Promise<RuntimeInfo> {
    if (!kernelId) return this.set({ runtime: null, type: null });
    this.types ??= runtimes.types().catch((error) => {
      this.types = null;
      throw error;
    });
    const [mine, types] = await Promise.all([runtimes.mine(), this.types]);
    const runtime = mine.find((r) => r.id === kernelId) ?? null;
    return this.set({ runtime, type: types.find((t) => t.name === runtime?.runtime_type) ?? null });
  }

  /** The type's name, for the dialog's "(current)". */
  get typeName(): string | null {
    return this.info.runtime?.runtime_type ?? null;
  }

  /** "NVIDIA T4 GPU", or the type's name if this server no longer lists it. */
  get label(): string {
    return this.info.type?.display_name ?? this.info.runtime?.runtime_type ?? '';
  }

  private set(info: RuntimeInfo): RuntimeInfo {
    this.info = info;
    this.onChange?.(info);
    return info;
  }
}
