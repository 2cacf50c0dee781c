/**
 * How each runtime's usual logging library writes a line: zap JSON for Go, pino for Node,
 * Spring Boot for the JVM, the stdlib logger for Python and Ruby, tracing for Rust.
 */

export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface LogLine {
  /** Epoch milliseconds. */
  ms: number;
  level: Level;
  msg: string;
  fields?: Record<string, string | number>;
  /** Printed as is (stack traces, panics, JVM GC lines). */
  raw?: boolean;
  /** The logger/class name where the format shows one. */
  logger?: string;
}

export interface FormatContext {
  service: string;
  pod: string;
  language: string;
}

function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

function kv(fields: LogLine['fields']): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([k, v]) => ` ${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : v}`)
    .join('');
}

function zap(line: LogLine, ctx: FormatContext): string {
  return JSON.stringify({
    level: line.level.toLowerCase() === 'warn' ? 'warn' : line.level.toLowerCase(),
    ts: isoMs(line.ms),
    caller: line.logger ?? 'server/http.go:118',
    msg: line.msg,
    service: ctx.service,
    ...line.fields,
  });
}

const PINO_LEVELS: Record<Level, number> = { DEBUG: 20, INFO: 30, WARN: 40, ERROR: 50 };

function pino(line: LogLine, ctx: FormatContext): string {
  return JSON.stringify({
    level: PINO_LEVELS[line.level],
    time: line.ms,
    pid: 1,
    hostname: ctx.pod,
    ...line.fields,
    msg: line.msg,
  });
}

function spring(line: LogLine, ctx: FormatContext): string {
  const level = line.level.padStart(5);
  const thread = line.level === 'INFO' ? `nio-8080-exec-${(line.ms % 10) + 1}` : 'main';
  const logger = (line.logger ?? `c.e.${ctx.service.split('-')[0]}.web.RequestLogFilter`).padEnd(40).slice(0, 40);
  return `${isoMs(line.ms)} ${level} 1 --- [${ctx.service}] [${thread.padStart(15)}] ${logger} : ${line.msg}${kv(
    line.fields,
  )}`;
}

function pythonLogging(line: LogLine, ctx: FormatContext): string {
  const d = isoMs(line.ms);
  const stamp = `${d.slice(0, 10)} ${d.slice(11, 19)},${d.slice(20, 23)}`;
  const level = line.level === 'WARN' ? 'WARNING' : line.level;
  return `${stamp} ${level} [${line.logger ?? ctx.service.replace(/-/g, '_')}] ${line.msg}${kv(line.fields)}`;
}

function rubyLogger(line: LogLine): string {
  const d = isoMs(line.ms).replace('Z', '');
  return `${line.level[0]}, [${d}000 #1] ${line.level.padStart(5)} -- : ${line.msg}${kv(line.fields)}`;
}

function tracing(line: LogLine, ctx: FormatContext): string {
  const d = isoMs(line.ms).replace('Z', '000Z');
  return `${d} ${line.level.padStart(5)} ${line.logger ?? ctx.service.replace(/-/g, '_')}: ${line.msg}${kv(
    line.fields,
  )}`;
}

/**
 * klog's structured form, as Kubernetes components write it:
 * `I0115 03:00:12.345678       1 proxier.go:1504] "SyncProxyRules complete" elapsed="52.1ms"`.
 */
function klog(line: LogLine): string {
  const d = new Date(line.ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(
    d.getUTCSeconds(),
  )}.${String(d.getUTCMilliseconds() * 1000 + (line.ms % 997)).padStart(6, '0')}`;
  const fields = Object.entries(line.fields ?? {})
    .map(([k, v]) => ` ${k}=${typeof v === 'string' && !v.startsWith('[') ? JSON.stringify(v) : v}`)
    .join('');
  return `${line.level[0]}${stamp}${'1'.padStart(8)} ${line.logger ?? 'proxier.go:1504'}] ${JSON.stringify(
    line.msg,
  )}${fields}`;
}

export function formatLine(line: LogLine, ctx: FormatContext): string {
  if (line.raw) return line.msg;
  switch (ctx.language) {
    case 'klog':
      return klog(line);
    case 'go':
      return zap(line, ctx);
    case 'typescript':
      return pino(line, ctx);
    case 'java':
    case 'kotlin':
      return spring(line, ctx);
    case 'python':
      return pythonLogging(line, ctx);
    case 'ruby':
      return rubyLogger(line);
    case 'rust':
      return tracing(line, ctx);
    default:
      return `${isoMs(line.ms)} ${line.level} ${line.msg}${kv(line.fields)}`;
  }
}

/** What a process prints when it dies of an unhandled error at start-up, per runtime. */
export function crashLines(ctx: FormatContext, ms: number): LogLine[] {
  const module = ctx.service.replace(/-/g, '_');
  const raw = (msg: string): LogLine => ({ ms, level: 'ERROR', msg, raw: true });
  switch (ctx.language) {
    case 'python':
      return [
        { ms, level: 'ERROR', msg: 'failed to load ranking model', fields: { path: '/models/ranker-current.onnx' } },
        raw('Traceback (most recent call last):'),
        raw(`  File "/app/${module}/main.py", line 42, in <module>`),
        raw('    model = load_model(settings.model_path)'),
        raw(`  File "/app/${module}/model.py", line 18, in load_model`),
        raw('    with open(path, "rb") as f:'),
        raw("FileNotFoundError: [Errno 2] No such file or directory: '/models/ranker-current.onnx'"),
      ];
    case 'go':
      return [
        raw('panic: runtime error: invalid memory address or nil pointer dereference'),
        raw('[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9a3f2c]'),
        raw(''),
        raw('goroutine 1 [running]:'),
        raw(`main.(*server).loadConfig(0x0)`),
        raw(`\t/src/cmd/${ctx.service}/config.go:57 +0x2c`),
        raw('main.main()'),
        raw(`\t/src/cmd/${ctx.service}/main.go:31 +0x1c5`),
      ];
    case 'rust':
      return [
        raw(`thread 'main' panicked at src/main.rs:41:10:`),
        raw('called `Result::unwrap()` on an `Err` value: Config("missing field `database_url`")'),
        raw('note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'),
      ];
    case 'typescript':
      return [
        { ms, level: 'ERROR', msg: 'uncaught exception', fields: { err: 'connect ECONNREFUSED 172.20.41.7:6379' } },
        raw('Error: connect ECONNREFUSED 172.20.41.7:6379'),
        raw('    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)'),
      ];
    case 'ruby':
      return [
        raw(
          `/app/config/initializers/redis.rb:7:in 'connect': Connection refused - connect(2) for 172.20.41.7:6379 (Redis::CannotConnectError)`,
        ),
        raw(`\tfrom /app/config/environment.rb:5:in '<main>'`),
      ];
    default:
      return [
        { ms, level: 'ERROR', msg: 'Application run failed', logger: 'o.s.boot.SpringApplication' },
        raw(
          'java.lang.IllegalStateException: Failed to load ApplicationContext: required property "spring.datasource.url" is missing',
        ),
        raw('\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)'),
        raw(`\tat com.example.${module}.ApplicationKt.main(Application.kt:12)`),
      ];
  }
}

/** Start-up banner lines of a service. */
export function startupLines(ctx: FormatContext, ms: number, version: string, port: number): LogLine[] {
  if (ctx.language === 'java' || ctx.language === 'kotlin') {
    return [
      {
        ms,
        level: 'INFO',
        msg: `Starting Application v${version.replace(/^v/, '')} using Java 21.0.5 with PID 1`,
        logger: `c.e.${ctx.service.split('-')[0]}.ApplicationKt`,
      },
      {
        ms: ms + 2100,
        level: 'INFO',
        msg: `Tomcat started on port ${port} (http) with context path '/'`,
        logger: 'o.s.b.w.embedded.tomcat.TomcatWebServer',
      },
      {
        ms: ms + 2140,
        level: 'INFO',
        msg: `Started Application in 3.912 seconds (process running for 4.381)`,
        logger: `c.e.${ctx.service.split('-')[0]}.ApplicationKt`,
      },
    ];
  }
  return [
    { ms, level: 'INFO', msg: 'starting', fields: { version } },
    { ms: ms + 180, level: 'INFO', msg: 'listening', fields: { port } },
  ];
}
