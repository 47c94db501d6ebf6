import './app.css'
import { mount } from 'svelte'
import App from './shell/App.svelte'
import { hasBridge } from './lib/api'
import BridgeMissing from './shell/BridgeMissing.svelte'

const target = document.getElementById('app')
if (target === null) throw new Error('index.html has no #app element to mount Casefile into.')

// Without the bridge nothing can load; one clear screen beats a dozen failing views.
if (hasBridge()) mount(App, { target })
else mount(BridgeMissing, { target })
