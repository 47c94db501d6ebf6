// Runtime checks for values that arrive from the other side of a trust boundary (IPC, CLI, files).
// Each validator also carries the static type it admits, so the contract is written once.

export interface Validator<T> {
  /** Returns null when the value is acceptable, otherwise a message naming the offending path. */
  readonly check: (value: unknown, path: string) => string | null
  /** Phantom member: only used to infer T. */
  readonly __type?: T
}

export type Infer<V> = V extends Validator<infer T> ? T : never

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60)
}

export function int(min: number, max: number): Validator<number> {
  return {
    check: (value, path) =>
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? null
        : `${path} must be a whole number from ${min} to ${max}, not ${describe(value)}`
  }
}

/** A database row id. */
export function id(): Validator<number> {
  return int(1, Number.MAX_SAFE_INTEGER)
}

export function text(maxLength: number): Validator<string> {
  return {
    check: (value, path) => {
      if (typeof value !== 'string') return `${path} must be text, not ${describe(value)}`
      return value.length <= maxLength ? null : `${path} is longer than ${maxLength} characters`
    }
  }
}

export function oneOf<const T extends readonly string[]>(...choices: T): Validator<T[number]> {
  return {
    check: (value, path) =>
      typeof value === 'string' && (choices as readonly string[]).includes(value)
        ? null
        : `${path} must be one of ${choices.join(', ')}, not ${describe(value)}`
  }
}

export function list<T>(item: Validator<T>, maxLength: number): Validator<T[]> {
  return {
    check: (value, path) => {
      if (!Array.isArray(value)) return `${path} must be a list, not ${describe(value)}`
      if (value.length > maxLength) return `${path} has more than ${maxLength} items`
      for (let i = 0; i < value.length; i++) {
        const problem = item.check(value[i], `${path}[${i}]`)
        if (problem) return problem
      }
      return null
    }
  }
}

type Shape = Record<string, Validator<unknown>>
type ShapeType<S extends Shape> = { [K in keyof S]: Infer<S[K]> }

/** An object with exactly these keys: unknown keys are refused, not ignored. */
export function record<S extends Shape>(shape: S): Validator<ShapeType<S>> {
  return {
    check: (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return `${path} must be an object, not ${describe(value)}`
      }
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(shape, key)) return `${path} has an unexpected field "${key.slice(0, 40)}"`
      }
      for (const [key, validator] of Object.entries(shape)) {
        const problem = validator.check((value as Record<string, unknown>)[key], `${path}.${key}`)
        if (problem) return problem
      }
      return null
    }
  }
}

/**
 * One of several object shapes, told apart by the text in `key`: variant('kind', { note: { id: id() },
 * new: { title: text(500) } }) admits { kind: 'note', id: 3 } and { kind: 'new', title: 'x' }.
 */
export function variant<K extends string, V extends Record<string, Shape>>(
  key: K,
  variants: V
): Validator<{ [T in keyof V & string]: { [P in K]: T } & ShapeType<V[T]> }[keyof V & string]> {
  const tags = Object.keys(variants)
  return {
    check: (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object, not ${describe(value)}`
      const tag = (value as Record<string, unknown>)[key]
      if (typeof tag !== 'string' || !Object.hasOwn(variants, tag)) return `${path}.${key} must be one of ${tags.join(', ')}, not ${describe(tag)}`
      return record({ ...variants[tag], [key]: oneOf(tag) }).check(value, path)
    }
  }
}

/** For methods that take no arguments: accepts nothing at all (undefined). */
export function nothing(): Validator<void> {
  return {
    check: (value, path) => (value === undefined ? null : `${path} must be empty, not ${describe(value)}`)
  }
}

export function bool(): Validator<boolean> {
  return {
    check: (value, path) => (typeof value === 'boolean' ? null : `${path} must be true or false, not ${describe(value)}`)
  }
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return { check: (value, path) => (value === null ? null : inner.check(value, path)) }
}

/** A table cell as it travels: text (up to maxLength), a finite number, or null. */
export function cell(maxLength: number): Validator<string | number | null> {
  return {
    check: (value, path) => {
      if (value === null || (typeof value === 'number' && Number.isFinite(value))) return null
      if (typeof value === 'string') return value.length <= maxLength ? null : `${path} is longer than ${maxLength} characters`
      return `${path} must be text, a number or null, not ${describe(value)}`
    }
  }
}
