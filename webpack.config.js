// Build of the task pane, in the layout of the `yo office` TaskPane template:
// ts-loader, html-webpack-plugin, the assets and manifest copied to dist/, and a dev server on
// https://localhost:3000 with office-addin-dev-certs.
// A production build points the manifest at ADDIN_URL:  ADDIN_URL=https://addin.example.org/ npm run build
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';

function addinUrl() {
  const raw = process.env.ADDIN_URL;
  if (!raw) return DEV_URL;
  let u;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`ADDIN_URL is not a URL: ${raw}`);
  }
  if (u.protocol !== 'https:' && u.hostname !== 'localhost' && u.hostname !== '127.0.0.1') {
    throw new Error(`ADDIN_URL must be https (Office loads add-ins over HTTPS only): ${raw}`);
  }
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  return devCerts.getHttpsServerOptions();
}

module.exports = async (env, options) => {
  const dev = options.mode === 'development';
  const url = addinUrl();
  return {
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/taskpane.ts',
      commands: './src/commands/commands.ts',
      // The PDF worker: pdf.js and the reader, a script of its own that the pane starts only on an import.
      'pdf-worker': './src/pdf-worker/worker.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { configFile: 'tsconfig.web.json' } } }],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          { from: 'src/commands/message.html', to: 'message.html' },
          // pdf.js's data, for the PDF worker: CMaps (Chinese in fonts that are not embedded), the standard
          // fonts, and its image decoders. Served with the add-in, never from a CDN.
          ...['cmaps', 'standard_fonts', 'wasm'].map((folder) => ({
            from: `node_modules/pdfjs-dist/${folder}`,
            to: `pdfjs/${folder}`,
          })),
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            // Every URL, and the app domain (an origin), point at where dist/ is hosted.
            transform: (content) =>
              url === DEV_URL
                ? content
                : content.toString().split(DEV_URL).join(url).split(new URL(DEV_URL).origin).join(new URL(url).origin),
          },
        ],
      }),
    ],
    devServer: {
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: env.WEBPACK_SERVE && dev ? await httpsOptions() : {} },
      port: process.env.npm_package_config_dev_server_port || 3000,
    },
  };
};
