'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for --require, which Node runs in every thread */
/**
 * Preloaded with --require into a child process, where Node runs it in the main thread and in
 * every worker thread (tesseract.js's own), and in the OCR process it forks (fork passes the
 * parent's Node options on). It records
 * each thread it loads in, and turns every way out to the network into an error that is also
 * recorded: fetch, sockets (net/tls, which http and https use), and DNS look-ups.
 */
const { appendFileSync } = require('node:fs')
const { threadId: thread } = require('node:worker_threads')
// Thread ids restart in each process (the OCR process is a child of the app's): named with the process.
const threadId = `${process.pid}:${thread}`
const net = require('node:net')
const dns = require('node:dns')

const log = process.env.NETWORK_GUARD_LOG
const note = (line) => appendFileSync(log, `${line}\n`)
note(`loaded ${threadId}`)

const blocked = (what) => {
  note(`attempt ${threadId} ${what}`)
  return new Error(`network blocked by test: ${what}`)
}
globalThis.fetch = async (input) => {
  throw blocked(`fetch ${String(input)}`)
}
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(...args) {
  // A local pipe (a Unix socket path, such as tsx's own IPC channel) is not the network.
  const options = args[0]
  const path = typeof options === 'string' ? options : Array.isArray(options) ? options[0]?.path : options?.path
  if (typeof path === 'string') return connect.apply(this, args)
  throw blocked(`socket connect ${JSON.stringify(options)}`)
}
dns.lookup = (host) => {
  throw blocked(`dns ${host}`)
}
dns.promises.lookup = async (host) => {
  throw blocked(`dns ${host}`)
}
